package org.bikeguard.tracker.alert;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.bikeguard.common.web.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console's alarm WebSocket. With {@code since}, it first sends {@code {"event":"catch-up",
 * "count":n}}, then every alarm with a larger id
 * (stored ones from the database page by page, plus the hub's in-memory ring, which also holds
 * alarms not yet stored), in id order, then the live ones; live alarms arriving meanwhile are
 * buffered and ids already sent are skipped, so there is neither gap nor duplicate; then
 * {@code {"event":"live"}}: what follows is live (a console beeps and pans only for those; without
 * {@code since} it gets {@code live} at once). Changes to alarms made on any console of the
 * cluster ({@link AlarmUpdates}) follow as {@code {"event":"update","alert":{...}}} (held back
 * until the catch-up is sent). A console that
 * cannot keep up (write queue full) is closed with status 1013 and reconnects with {@code since}.
 * All state is confined to the socket's event loop; {@link #deliver} may be called from any thread.
 */
final class AlarmStream implements AlarmHub.Subscriber, AlarmUpdates.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStream.class);
    /** Stored alarms read per page during catch-up. */
    static final int PAGE = 1_000;
    /** At most this many stored alarms are replayed on connect (the newest are kept). */
    static final int MAX_CATCH_UP = 50_000;

    /** Sent when the catch-up is over (or at once without {@code since}): what follows is live. */
    static final String LIVE = "{\"event\":\"live\"}";
    /** An alarm changed on some console: the row follows as {@code alert}. */
    static final String UPDATE_PREFIX = "{\"event\":\"update\",\"alert\":";

    /** A live alarm or (id -1) an update message held back during the catch-up. */
    private record Live(long id, String json, AlarmHub.Raised local) {}

    private final ServerWebSocket ws;
    private final Context context;
    private final AlarmHub hub;
    private final AlarmUpdates updates;
    private final AlarmStore store;
    private final Blocking blocking;
    private final List<Live> buffer = new ArrayList<>();
    private final Set<Long> sentDuringCatchUp = new HashSet<>();
    private boolean live;
    private boolean closed;

    AlarmStream(
            ServerWebSocket ws,
            Context context,
            AlarmHub hub,
            AlarmUpdates updates,
            AlarmStore store,
            Blocking blocking) {
        this.ws = ws;
        this.context = context;
        this.hub = hub;
        this.updates = updates;
        this.store = store;
        this.blocking = blocking;
    }

    /**
     * Subscribes and starts the catch-up; {@code since < 0} means live only. Call on the socket's
     * context; the socket's handlers are the caller's ({@link AlarmSocket}), which calls
     * {@link #stop()} when the socket closes.
     */
    void start(long since) {
        updates.listen(this);
        List<AlarmHub.Entry> ring = hub.subscribe(this, since);
        if (since < 0) {
            live = true;
            send(LIVE);
            return;
        }
        blocking.run(() -> stored(since)).onComplete(ar -> {
            if (closed) {
                return;
            }
            TreeMap<Long, String> all = new TreeMap<>();
            if (ar.succeeded()) {
                for (JsonObject o : ar.result()) {
                    all.put(o.getLong("id"), o.encode());
                }
            } else {
                LOG.warn(
                        "alarm catch-up from the database failed, sending the in-memory ring only [error: {}]",
                        ar.cause().toString());
            }
            for (AlarmHub.Entry e : ring) {
                all.putIfAbsent(e.id(), e.json());
            }
            send(new JsonObject()
                    .put("event", "catch-up")
                    .put("since", since)
                    .put("count", all.size())
                    .encode());
            all.forEach((id, json) -> {
                sentDuringCatchUp.add(id);
                send(json);
            });
            live = true;
            send(LIVE);
            for (Live l : buffer) {
                if (l.json().startsWith(UPDATE_PREFIX)) {
                    send(l.json());
                } else {
                    onLive(l.id(), l.json(), l.local());
                }
            }
            buffer.clear();
        });
    }

    /** Stored alarms after {@code since}, oldest first, at most {@value #MAX_CATCH_UP} (the newest). Blocking. */
    private List<JsonObject> stored(long since) throws java.sql.SQLException {
        List<JsonObject> out = new ArrayList<>();
        long after = since;
        while (true) {
            List<JsonObject> page = store.after(after, PAGE);
            out.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).getLong("id");
            if (out.size() > MAX_CATCH_UP) {
                out.subList(0, out.size() - MAX_CATCH_UP).clear();
            }
        }
        return out;
    }

    @Override
    public void updated(String json) {
        String message = UPDATE_PREFIX + json + "}";
        context.runOnContext(v -> {
            if (closed) {
                return;
            }
            if (!live) {
                buffer.add(new Live(-1, message, null));
            } else {
                send(message);
            }
        });
    }

    @Override
    public void deliver(long id, String json, AlarmHub.Raised local) {
        context.runOnContext(v -> onLive(id, json, local));
    }

    private void onLive(long id, String json, AlarmHub.Raised local) {
        if (closed) {
            return;
        }
        if (!live) {
            buffer.add(new Live(id, json, local));
        } else if (!sentDuringCatchUp.contains(id) && send(json) && local != null) {
            local.written();
        }
    }

    /** Writes one alarm; false when the socket is closed (or is closed now: too slow). */
    private boolean send(String json) {
        if (closed) {
            return false;
        }
        if (ws.writeQueueFull()) {
            LOG.info("closing a slow alarm console [remote: {}]", ws.remoteAddress());
            ws.close((short) 1013, "too slow; reconnect with since");
            close();
            return false;
        }
        ws.writeTextMessage(json);
        return true;
    }

    /** Unsubscribes; idempotent. Call on the socket's context. */
    void stop() {
        close();
    }

    private void close() {
        if (!closed) {
            closed = true;
            hub.unsubscribe(this);
            updates.unlisten(this);
        }
    }
}
