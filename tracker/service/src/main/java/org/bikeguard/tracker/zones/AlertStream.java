package org.bikeguard.tracker.zones;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.Params;

/**
 * Building-entrance alerts as Server-Sent Events ({@code text/event-stream}) for the property's
 * console: every {@value #POLL_MS} ms the events after the last one sent are read from the
 * database (so an alert raised on any member of a cluster reaches every console) and sent as
 * {@code id: <event id>} / {@code data: <alert JSON>}; a comment line every {@value #HEARTBEAT_MS}
 * ms keeps the connection open through the idle timeout. Start from {@code ?after=} or the
 * {@code Last-Event-ID} header (reconnect without a gap); without either, from now on. Read with
 * {@code fetch} (it carries the bearer token; {@code EventSource} cannot). One timer per stream,
 * cancelled when the client goes away. Thread-safe.
 */
final class AlertStream {

    static final long POLL_MS = 1000;
    static final long HEARTBEAT_MS = 15_000;

    private AlertStream() {}

    static void open(RoutingContext ctx, Blocking blocking, ZoneStore store) {
        String last = ctx.request().getHeader("Last-Event-ID");
        long after = last != null && Params.positiveId(last) > 0
                ? Params.positiveId(last)
                : Params.optionalLong(ctx, "after", -1, 0, Long.MAX_VALUE);
        blocking.run(() -> after >= 0 ? after : store.lastEventId())
                .onSuccess(start -> stream(ctx, blocking, store, start))
                .onFailure(ctx::fail);
    }

    private static void stream(RoutingContext ctx, Blocking blocking, ZoneStore store, long start) {
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .write(": alerts after " + start + "\n\n");
        AtomicLong cursor = new AtomicLong(start);
        AtomicBoolean busy = new AtomicBoolean();
        AtomicLong quiet = new AtomicLong();
        var vertx = ctx.vertx();
        long timer = vertx.setPeriodic(POLL_MS, id -> {
            if (res.closed() || !busy.compareAndSet(false, true)) {
                return;
            }
            blocking.run(() -> store.events(null, "entered", cursor.get(), 200)).onComplete(ar -> {
                busy.set(false);
                if (res.closed() || ar.failed()) {
                    return;
                }
                JsonArray a = ar.result();
                for (Object o : a) {
                    JsonObject e = (JsonObject) o;
                    cursor.set(e.getLong("id"));
                    res.write("id: " + e.getLong("id") + "\ndata: " + e.encode() + "\n\n");
                }
                if (a.isEmpty() && quiet.addAndGet(POLL_MS) >= HEARTBEAT_MS) {
                    quiet.set(0);
                    res.write(": keep-alive\n\n");
                } else if (!a.isEmpty()) {
                    quiet.set(0);
                }
            });
        });
        res.closeHandler(v -> vertx.cancelTimer(timer));
    }
}
