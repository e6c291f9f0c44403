package org.bikeguard.tracker.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.RegistryFixtures;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.testkit.TrackerKit;
import org.bikeguard.tracker.auth.PasswordHasher;
import org.bikeguard.tracker.db.Database;
import org.bikeguard.tracker.registry.IdNumberReencryption;
import org.bikeguard.tracker.registry.IdNumberVault;
import org.bikeguard.tracker.registry.OwnerInput;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Key rotation on a running tracker: the rotated key file is picked up without a restart, old
 * tokens keep working, new ones name the new key, the re-encryption job moves every ID number and
 * look-up hash to the new keys, and retiring the old keys then costs nothing but the old tokens.
 * And the job itself on a database of many owners: batches, members sharing the work, uniqueness
 * of ID numbers while hashes under two look-up keys coexist.
 */
@Timeout(240)
class KeyRotationIT {

    private static final EnumSet<KeyPurpose> ROTATED =
            EnumSet.of(KeyPurpose.TOKEN_SIGNING, KeyPurpose.ID_NUMBER_ENCRYPTION, KeyPurpose.ID_NUMBER_LOOKUP);

    private static String kid(String token) {
        String payload = token.substring(3, token.lastIndexOf('.'));
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .getString("kid");
    }

    private static void change(KeyFile file, java.util.function.UnaryOperator<Keys> how) {
        file.locked(() -> {
            file.write(how.apply(file.read().orElseThrow()));
            return null;
        });
    }

    private static List<byte[][]> rows(TrackerKit tracker) throws Exception {
        List<byte[][]> out = new ArrayList<>();
        try (Connection c = tracker.database().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id_number_enc, id_number_hash FROM owners ORDER BY id")) {
            while (rs.next()) {
                out.add(new byte[][] {rs.getBytes(1), rs.getBytes(2)});
            }
        }
        return out;
    }

    private static boolean allUnderKey(List<byte[][]> rows, char id) {
        byte[] prefix = {2, 1, (byte) id};
        return rows.stream()
                .allMatch(r -> Arrays.equals(Arrays.copyOf(r[0], 3), prefix)
                        && Arrays.equals(Arrays.copyOf(r[1], 3), prefix)
                        && r[1].length == 35);
    }

    @Test
    void aRotationReachesTheRunningTrackerAndTheJobMovesEveryIdNumberToTheNewKeys() throws Exception {
        try (TrackerKit tracker = TrackerKit.start()) {
            String before = tracker.adminToken();
            assertEquals("1", kid(before));
            List<RegistryFixtures.TestOwner> owners = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                owners.add(tracker.owner(before, "Rotation Owner " + i));
            }
            assertTrue(allUnderKey(rows(tracker), '1'));
            KeyFile file = tracker.app().keys().file().orElseThrow();

            change(file, k -> k.rotate(ROTATED, tracker.clock().instant().minusSeconds(1)));
            Poll.until(Duration.ofSeconds(30), "the tracker reads the rotated key file", () -> tracker.app()
                    .keys()
                    .ring(KeyPurpose.TOKEN_SIGNING)
                    .ids()
                    .equals("1,2"));
            String after = tracker.token("admin", tracker.adminPassword());
            assertEquals("2", kid(after), "the new key signs");
            assertEquals(200, tracker.get("/api/v1/stations", before).status(), "a token of the old key still works");
            assertEquals(200, tracker.get("/api/v1/stations", after).status());

            Poll.until(Duration.ofSeconds(60), "every ID number under key 2", () -> {
                try {
                    return allUnderKey(rows(tracker), '2');
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(tracker.app()
                            .metrics()
                            .counter("bikeguard.keys.reencrypted")
                            .count()
                    >= owners.size());

            // retire the old keys: nothing is under them any more, only the old token dies
            change(file, k -> k.retire(
                            KeyPurpose.TOKEN_SIGNING, "1", tracker.clock().instant())
                    .retire(
                            KeyPurpose.ID_NUMBER_ENCRYPTION,
                            "1",
                            tracker.clock().instant())
                    .retire(KeyPurpose.ID_NUMBER_LOOKUP, "1", tracker.clock().instant()));
            Poll.until(
                    Duration.ofSeconds(30), "the tracker reads the key file without the old keys", () -> tracker.app()
                            .keys()
                            .ring(KeyPurpose.ID_NUMBER_ENCRYPTION)
                            .ids()
                            .equals("2"));
            assertEquals(401, tracker.get("/api/v1/stations", before).status());
            for (RegistryFixtures.TestOwner o : owners) {
                JsonObject shown = tracker.get("/api/v1/owners/" + o.id() + "?reveal=true", after)
                        .json();
                assertEquals(o.idNumber(), shown.getString("idNumber"));
                JsonArray found = tracker.get("/api/v1/owners?idNumber=" + o.idNumber(), after)
                        .array();
                assertEquals(
                        o.id(), found.getJsonObject(0).getLong("id"), "found by ID number under the new look-up key");
            }
        }
    }

    @Test
    void membersShareTheJobAndAnIdNumberStaysUniqueAcrossLookupKeys() throws Exception {
        int n = 1_200; // several batches
        try (Database db = TestDatabase.newDatabase(TestConfigs.config())) {
            Instant now = Instant.parse("2026-11-23T04:00:00Z");
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            byte[] k1 = new byte[32];
            byte[] k2 = new byte[32];
            k2[0] = 2;
            AtomicReference<KeyRing> enc =
                    new AtomicReference<>(KeyRing.single(KeyPurpose.ID_NUMBER_ENCRYPTION, "1", k1));
            AtomicReference<KeyRing> look = new AtomicReference<>(KeyRing.single(KeyPurpose.ID_NUMBER_LOOKUP, "1", k1));
            IdNumberVault vault = new IdNumberVault(enc::get, look::get, clock);
            Map<Long, String> ids = insertOwners(db, vault, n);

            enc.set(enc.get().with(new KeyVersion("2", k2, now.minusSeconds(1), false)));
            look.set(look.get().with(new KeyVersion("2", k2, now.minusSeconds(1), false)));

            // an owner whose number is hashed under key 1 is found by a registration under key 2
            String taken = ids.values().iterator().next();
            Owners owners = new Owners(db.dataSource(), () -> vault, new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
            OwnerInput dup = OwnerInput.of(
                    "Dup",
                    taken,
                    "13900000001",
                    "a-good-password-1",
                    "",
                    "owner",
                    null,
                    java.time.LocalDate.of(2026, 11, 23));
            RegistryException e = assertThrows(RegistryException.class, () -> owners.create(dup, "test"));
            assertEquals(409, e.status(), e.getMessage());

            // two members run the job at once
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<IdNumberReencryption.Result>> passes = new ArrayList<>();
                for (int m = 0; m < 2; m++) {
                    IdNumberReencryption job =
                            new IdNumberReencryption(db.dataSource(), vault, new SimpleMeterRegistry());
                    passes.add(pool.submit(job::pass));
                }
                long rewritten = 0;
                for (Future<IdNumberReencryption.Result> f : passes) {
                    assertEquals(0, f.get().unreadable());
                    rewritten += f.get().rewritten();
                }
                assertEquals(n, rewritten, "each row rewritten once, by one member or the other");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(
                    0,
                    new IdNumberReencryption(db.dataSource(), vault, new SimpleMeterRegistry())
                            .pass()
                            .rewritten());
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, id_number_enc, id_number_hash FROM owners")) {
                int seen = 0;
                while (rs.next()) {
                    assertTrue(vault.encryptedUnderCurrentKey(rs.getBytes(2)));
                    assertEquals(ids.get(rs.getLong(1)), vault.decrypt(rs.getBytes(2)));
                    assertArrayEquals(vault.lookupHash(ids.get(rs.getLong(1))), rs.getBytes(3));
                    seen++;
                }
                assertEquals(n, seen);
            }
            assertThrows(RegistryException.class, () -> owners.create(dup, "test"), "still unique after the job");
        }
    }

    /** Owners inserted directly (no PBKDF2 per owner), their numbers under the vault's current keys. */
    private static Map<Long, String> insertOwners(Database db, IdNumberVault vault, int n) throws Exception {
        Map<Long, String> ids = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement user = c.prepareStatement(
                        "INSERT INTO users (username, password_hash, role) VALUES (?, 'x', 'owner') RETURNING id");
                PreparedStatement owner = c.prepareStatement(
                        "INSERT INTO owners (user_id, username, name, id_number_enc,"
                                + " id_number_hash, phone, created_by) VALUES (?, ?, 'Bulk', ?, ?, ?, 'test') RETURNING id")) {
            for (int i = 0; i < n; i++) {
                String phone = String.format("137%08d", i);
                String body = "430402"
                        + java.time.LocalDate.of(1980, 1, 1)
                                .plusDays(i / 900)
                                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%03d", i % 900);
                String id = body + org.bikeguard.tracker.registry.IdNumbers.checkChar(body);
                user.setString(1, phone);
                long userId;
                try (ResultSet rs = user.executeQuery()) {
                    rs.next();
                    userId = rs.getLong(1);
                }
                owner.setLong(1, userId);
                owner.setString(2, phone);
                owner.setBytes(3, vault.encrypt(id));
                owner.setBytes(4, vault.lookupHash(id));
                owner.setString(5, phone);
                try (ResultSet rs = owner.executeQuery()) {
                    rs.next();
                    ids.put(rs.getLong(1), id);
                }
            }
        }
        return ids;
    }
}
