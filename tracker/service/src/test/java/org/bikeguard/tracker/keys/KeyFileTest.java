package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file on disk: mode 600, whole writes, one creator among many, reloads. */
class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void theFileIsWrittenWithMode600InADirectoryOfMode700AndReadBack() throws Exception {
        KeyFile f = new KeyFile(dir.resolve("new/keys.json"));
        Keys k = Keys.generate();
        f.write(k);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(f.path().getParent())));
        assertEquals(k, f.read().orElseThrow());
        // a rewrite keeps the mode, even over a file someone made readable
        Files.setPosixFilePermissions(f.path(), PosixFilePermissions.fromString("rw-r--r--"));
        f.write(k.rotate(Set.of(KeyPurpose.TOKEN_SIGNING), java.time.Instant.parse("2026-11-23T04:00:00Z")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())));
        try (var files = Files.list(f.path().getParent())) {
            assertEquals(
                    List.of("keys.json"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left");
        }
    }

    @Test
    void manyStartersAtOnceAgreeOnOneKeyFile() throws Exception {
        Path path = dir.resolve("keys.json");
        Callable<String> starter = () -> {
            KeyFile f = new KeyFile(path); // each its own instance, as separate members would have
            return f.locked(() -> f.read().orElseGet(() -> {
                        Keys fresh = Keys.generate();
                        f.write(fresh);
                        return fresh;
                    }))
                    .fileId();
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids =
                    IntStream.range(0, 16).mapToObj(i -> pool.submit(starter)).toList();
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertEquals(1, distinct.size(), "one file, created once");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys.json.lock"))));
    }

    @Test
    void liveKeysFollowARotationAndRefuseAnotherKeyFile() {
        KeyFile f = new KeyFile(dir.resolve("keys.json"));
        Keys k = Keys.generate();
        f.write(k);
        LiveKeys live = LiveKeys.following(f, k);
        assertTrue(!live.reload(), "unchanged");
        Keys rotated = k.rotate(Set.of(KeyPurpose.TOKEN_SIGNING), java.time.Instant.EPOCH.plusSeconds(1));
        f.write(rotated);
        assertTrue(live.reload());
        assertEquals("1,2", live.ring(KeyPurpose.TOKEN_SIGNING).ids());
        f.write(Keys.generate());
        assertTrue(!live.reload(), "another key file is refused");
        assertEquals(rotated, live.get());
        f.write(rotated.rotate(Set.of(KeyPurpose.ID_NUMBER_LOOKUP), java.time.Instant.EPOCH.plusSeconds(2)));
        assertTrue(live.reload(), "the same file changed again is taken");
        assertEquals("1,2", live.ring(KeyPurpose.ID_NUMBER_LOOKUP).ids());
    }
}
