package org.bikeguard.tracker.notify;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: each notice becomes one JSON line in a file (and an info log line without
 * the phone number), for demos and for a city that sends messages from another system that reads
 * the file. Thread-safe (appends are synchronized).
 */
public final class LogGateway implements NoticeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(LogGateway.class);
    private final Path file;

    /** @param file the JSON Lines file, created when absent */
    public LogGateway(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public synchronized void send(Notice n) throws GatewayException {
        JsonObject line = new JsonObject()
                .put("id", n.id())
                .put("to", n.recipient())
                .put("template", n.template())
                .put("params", n.params());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file,
                    line.encode() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new GatewayException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        LOG.info("notice written [id: {}, template: {}]", n.id(), n.template());
    }
}
