package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the log SMS gateway's outbox ({@code BIKEGUARD_DATA_DIR/sms-outbox.jsonl}) as an owner's phone would. */
final class SmsOutbox {

    private static final Pattern CODE = Pattern.compile("(\\d{6})");

    private SmsOutbox() {}

    /** Messages sent to {@code phone} so far, oldest first. */
    static List<JsonObject> to(Path dataDir, String phone) {
        Path f = dataDir.resolve(LogSmsGateway.OUTBOX);
        try {
            if (!Files.exists(f)) {
                return List.of();
            }
            return Files.readAllLines(f).stream()
                    .filter(l -> !l.isBlank())
                    .map(JsonObject::new)
                    .filter(o -> phone.equals(o.getString("to")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code of the latest message to {@code phone}. */
    static String latestCode(Path dataDir, String phone) {
        List<JsonObject> l = to(dataDir, phone);
        if (l.isEmpty()) {
            throw new AssertionError("no SMS to " + phone);
        }
        Matcher m = CODE.matcher(l.get(l.size() - 1).getString("text"));
        if (!m.find()) {
            throw new AssertionError("no code in " + l.get(l.size() - 1));
        }
        return m.group(1);
    }
}
