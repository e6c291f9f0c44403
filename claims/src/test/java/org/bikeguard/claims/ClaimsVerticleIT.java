package org.bikeguard.claims;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The tracker's way of embedding claims: deploy by name with the database in the deployment
 * config, find the router in the shared map.
 */
class ClaimsVerticleIT {

    @Test
    void verticleDeployedByNameWithItsConfigPublishesAShareableRouterSupplierAndWithdrawsItOnUndeploy() {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject config = new JsonObject()
                    .put("BIKEGUARD_DB_URL", TestDatabase.newDatabaseUrl())
                    .put("BIKEGUARD_DB_USER", "postgres")
                    .put("BIKEGUARD_DB_PASSWORD", "");
            String id = ClaimsHarness.await(vertx.deployVerticle(
                    "org.bikeguard.claims.ClaimsVerticle", new DeploymentOptions().setConfig(config)));
            Object published =
                    vertx.sharedData().getLocalMap(ClaimsVerticle.ROUTERS_MAP).get(ClaimsVerticle.ROUTER_KEY);
            assertInstanceOf(Shareable.class, published);
            assertInstanceOf(Supplier.class, published);
            assertInstanceOf(Router.class, ((Supplier<?>) published).get());
            ClaimsHarness.await(vertx.undeploy(id));
            assertNull(
                    vertx.sharedData().getLocalMap(ClaimsVerticle.ROUTERS_MAP).get(ClaimsVerticle.ROUTER_KEY));
        } finally {
            ClaimsHarness.await(vertx.close());
        }
    }

    @Test
    void verticleWithoutAnyDatabaseFailsToStartWithAClearReason() {
        Vertx vertx = Vertx.vertx();
        try {
            Throwable t = ClaimsHarness.await(vertx.deployVerticle(new ClaimsVerticle(
                            ClaimsConfig.fromMap(java.util.Map.of()), null, java.time.Clock.systemUTC()))
                    .map(x -> (Throwable) null)
                    .otherwise(e -> e));
            assertNotNull(t);
        } finally {
            ClaimsHarness.await(vertx.close());
        }
    }
}
