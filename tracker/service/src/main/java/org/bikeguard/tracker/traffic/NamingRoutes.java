package org.bikeguard.tracker.traffic;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Responses;

/**
 * The public naming page's data (no authentication; mount before the bearer-token check):
 * {@code GET /api/v1/public/named?month=YYYY-MM} (default: the current month) →
 * {@code {"month","named":[{"plate":"衡阳A·123**","violations":5}]}}: bikes with
 * {@value MonthlyRules#NAMING} or more counted violations that month. Nothing else about a person.
 * Thread-safe.
 */
public final class NamingRoutes {

    private final Blocking blocking;
    private final MonthlyRules rules;
    private final java.time.Clock clock;

    public NamingRoutes(Blocking blocking, javax.sql.DataSource ds, java.time.Clock clock) {
        this.blocking = blocking;
        this.rules = new MonthlyRules(ds, clock);
        this.clock = clock;
    }

    public void mount(Router r) {
        r.get("/api/v1/public/named").handler(ctx -> {
            var month = Months.parse(ctx.queryParams().get("month"), Months.now(clock));
            blocking.run(() -> rules.named(month))
                    .onSuccess(a -> Responses.json(
                            ctx,
                            200,
                            new JsonObject().put("month", month.toString()).put("named", a)))
                    .onFailure(ctx::fail);
        });
    }
}
