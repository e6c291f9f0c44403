package org.bikeguard.tracker.alert;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to stored alarms (acknowledged, dispatched, an outcome) travel to every console of the
 * cluster: {@link #publish} puts the alarm's new row (JSON text, as {@code GET /api/v1/alerts/{id}}
 * answers) on the Hazelcast topic {@value #TOPIC}; every member, this one included, hands it to
 * its local {@link Listener}s (the alarm WebSockets, which send it as
 * {@code {"event":"update","alert":{...}}}). A console that was disconnected when a change was made
 * does not get it from the stream; it reads the list again when it reconnects. Thread-safe.
 */
public final class AlarmUpdates implements AutoCloseable {

    /** The topic alarm changes travel on (JSON text of the alarm's row). */
    public static final String TOPIC = "bikeguard.alarm-updates";

    private static final Logger LOG = LoggerFactory.getLogger(AlarmUpdates.class);

    /** Receives changes on a Hazelcast event thread: must not block. */
    public interface Listener {
        /** @param json the changed alarm's row (JSON text) */
        void updated(String json);
    }

    private final ITopic<String> topic;
    private final UUID registration;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    AlarmUpdates(HazelcastInstance hz) {
        this.topic = hz.getTopic(TOPIC);
        this.registration = topic.addMessageListener(m -> {
            for (Listener l : listeners) {
                try {
                    l.updated(m.getMessageObject());
                } catch (RuntimeException e) {
                    LOG.warn("alarm update listener failed [error: {}]", e.toString());
                }
            }
        });
    }

    /** Sends a changed alarm's row to every member's consoles; never blocks for long (topic publish). */
    public void publish(String json) {
        try {
            topic.publish(json);
        } catch (RuntimeException e) {
            LOG.warn("alarm update not published [error: {}]", e.toString());
        }
    }

    public void listen(Listener l) {
        listeners.add(l);
    }

    public void unlisten(Listener l) {
        listeners.remove(l);
    }

    @Override
    public void close() {
        try {
            topic.removeMessageListener(registration);
        } catch (RuntimeException e) {
            LOG.debug("alarm update listener not removed [error: {}]", e.toString());
        }
    }
}
