package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link SmsGateway} ({@code BIKEGUARD_SMS_GATEWAY=log}): nothing leaves the
 * machine. Each message is logged at info (the number masked) and appended as one JSON line
 * {@code {"at","to","text"}} (UTC instant, full number) to {@code BIKEGUARD_DATA_DIR/sms-outbox.jsonl},
 * where a demo operator or a test reads the code. Not for production: the file holds valid login
 * codes for 5 minutes. Thread-safe (appends are serialised).
 */
public final class LogSmsGateway implements SmsGateway {

    /** File name of the outbox inside the data directory. */
    public static final String OUTBOX = "sms-outbox.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(LogSmsGateway.class);

    private final Path outbox;
    private final Clock clock;

    /** @param dataDir the tracker's data directory; the outbox file is created there when needed */
    public LogSmsGateway(Path dataDir, Clock clock) {
        this.outbox = dataDir.resolve(OUTBOX);
        this.clock = clock;
    }

    @Override
    public synchronized void send(String phone, String text) {
        LOG.info("sms (log gateway) [to: {}, text: {}]", mask(phone), text);
        String line = new JsonObject()
                        .put("at", clock.instant().toString())
                        .put("to", phone)
                        .put("text", text)
                        .encode()
                + "\n";
        try {
            Files.createDirectories(outbox.getParent());
            Files.writeString(
                    outbox, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SmsFailedException("cannot write " + outbox + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "log";
    }

    /** {@code 13912345678} → {@code 139****5678}. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return "***";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
