package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.bikeguard.tracker.config.ConfigLoader;
import org.bikeguard.tracker.config.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bikeguard keys}: init, list, rotate, retire, postgres-password on a key file. */
class KeysCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run run(Instant at, String... args) {
        TrackerConfig config = ConfigLoader.fromMap(Map.of("HOME", dir.toString()));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = KeysCommand.run(args, config, Clock.fixed(at, ZoneOffset.UTC));
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void initRotateListRetireOnTheDefaultKeyFile() throws Exception {
        Path file = dir.resolve(ConfigLoader.DEFAULT_KEYS_FILE);
        assertEquals(1, run(NOW, "list").status(), "no file yet");
        assertEquals(0, run(NOW, "init").status());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(1, run(NOW, "init").status(), "never over an existing file");

        Run rotated = run(NOW, "rotate", "--activate-in", "10m");
        assertEquals(0, rotated.status(), rotated.err());
        assertTrue(
                rotated.out().contains("token-signing: new key 2, current from 2026-11-23T04:10:00Z"), rotated.out());
        assertEquals(1, run(NOW, "rotate", "--purpose", "station-secret").status(), "not rotated");

        Run list = run(NOW.plusSeconds(601), "list");
        assertTrue(list.out().contains("  2    active from 2026-11-23T04:10:00Z  <- current"), list.out());
        Keys keys = new KeyFile(file).read().orElseThrow();
        String key = Base64.getEncoder()
                .encodeToString(
                        keys.ring(KeyPurpose.TOKEN_SIGNING).versions().get(0).material());
        assertFalse(list.out().contains(key), "never a key");
        assertFalse(list.out().contains(keys.postgresPassword()));

        assertEquals(
                1, run(NOW, "retire", "--purpose", "token-signing", "--id", "1").status(), "1 is still current");
        assertEquals(
                0,
                run(NOW.plusSeconds(601), "retire", "--purpose", "token-signing", "--id", "1")
                        .status());
        assertEquals(
                "2",
                new KeyFile(file)
                        .read()
                        .orElseThrow()
                        .ring(KeyPurpose.TOKEN_SIGNING)
                        .ids());

        assertEquals(
                keys.postgresPassword() + "\n", run(NOW, "postgres-password").out());
        assertEquals(2, run(NOW, "rotate", "--bogus").status());
        assertEquals(2, run(NOW, "frobnicate").status());
    }
}
