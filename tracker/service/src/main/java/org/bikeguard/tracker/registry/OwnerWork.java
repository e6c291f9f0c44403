package org.bikeguard.tracker.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;

/**
 * Runs an owner's request on the worker pool with the calling owner's id and answers its result as
 * JSON (an object or an array); a failure goes to the error handler. Shared by the routes under
 * {@code /api/v1/me}. Stateless; thread-safe.
 */
public final class OwnerWork {

    /** Work for the calling owner's id (blocking), answered as JSON. */
    @FunctionalInterface
    public interface ForOwner {
        /** @return a {@link JsonObject} or a {@link JsonArray} */
        Object run(long ownerId) throws Exception;
    }

    private OwnerWork() {}

    /** Answers {@code status} with what {@code work} returns for the caller ({@link Caller#ownerScope}). */
    public static void answer(RoutingContext ctx, Blocking blocking, Owners owners, int status, ForOwner work) {
        Caller c = Caller.of(ctx);
        blocking.run(() -> work.run(c.ownerScope(owners)))
                .onSuccess(o -> {
                    if (o instanceof JsonArray a) {
                        Responses.json(ctx, status, a);
                    } else {
                        Responses.json(ctx, status, (JsonObject) o);
                    }
                })
                .onFailure(ctx::fail);
    }
}
