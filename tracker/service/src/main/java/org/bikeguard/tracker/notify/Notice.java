package org.bikeguard.tracker.notify;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One message to an owner as a gateway sends it.
 *
 * @param id        the outbox row (also the idempotency key a gateway may pass on)
 * @param recipient the owner's phone number
 * @param template  {@code violation}, {@code zone_text} or {@code fine}
 * @param params    the template's values (plate, kind, place, time in Asia/Shanghai, amounts in fen)
 */
public record Notice(long id, String recipient, String template, JsonObject params) {
    public Notice {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(template, "template");
        params = params == null ? new JsonObject() : params.copy();
    }
}
