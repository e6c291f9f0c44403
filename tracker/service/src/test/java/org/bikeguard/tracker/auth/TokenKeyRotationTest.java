package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bikeguard.tracker.keys.KeyPurpose;
import org.bikeguard.tracker.keys.KeyRing;
import org.bikeguard.tracker.keys.KeyVersion;
import org.junit.jupiter.api.Test;

/** Tokens name their key: rotation, keys not yet active, unknown keys, and the v1 tokens of the imported key. */
class TokenKeyRotationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    private static String kid(String token) {
        String payload = token.substring(3, token.lastIndexOf('.'));
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .getString("kid");
    }

    @Test
    void afterARotationOldTokensStillVerifyAndNewOnesCarryTheNewKeyId() throws Exception {
        KeyRing one = KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", key(1));
        AtomicReference<KeyRing> ring = new AtomicReference<>(one);
        TokenService tokens = new TokenService(ring::get, CLOCK);
        String before = tokens.issue("officer", Role.POLICE);
        assertTrue(before.startsWith("v2."), before);
        assertEquals("1", kid(before));

        ring.set(one.with(new KeyVersion("2", key(2), NOW.minusSeconds(1), false)));
        String after = tokens.issue("officer", Role.POLICE);
        assertEquals("2", kid(after));
        assertEquals("officer", tokens.verify(before).username(), "a token of the older key");
        assertEquals("officer", tokens.verify(after).username());

        TokenService onlyOld = new TokenService(() -> one, CLOCK);
        assertEquals(
                "token signed with an unknown key",
                assertThrows(TokenService.InvalidTokenException.class, () -> onlyOld.verify(after))
                        .getMessage(),
                "a member without the new key refuses its tokens: the reason keys are activated later");
    }

    @Test
    void aKeyActivatedLaterVerifiesAtOnceButSignsOnlyFromItsActivation() throws Exception {
        KeyRing ring = KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", key(1))
                .with(new KeyVersion("2", key(2), NOW.plus(Duration.ofMinutes(10)), false));
        TokenService now = new TokenService(() -> ring, CLOCK);
        assertEquals("1", kid(now.issue("a", Role.ADMIN)));
        TokenService later =
                new TokenService(() -> ring, Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        String t = later.issue("a", Role.ADMIN);
        assertEquals("2", kid(t));
        assertEquals("a", now.verify(t).username());
    }

    @Test
    void aRetiredKeysTokensAreRefused() throws Exception {
        KeyRing both = KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", key(1))
                .with(new KeyVersion("2", key(2), NOW.minusSeconds(60), false));
        String old = new TokenService(() -> KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", key(1)), CLOCK)
                .issue("a", Role.ADMIN);
        KeyRing retired = both.without("1", NOW);
        assertThrows(
                TokenService.InvalidTokenException.class, () -> new TokenService(() -> retired, CLOCK).verify(old));
        assertThrows(IllegalArgumentException.class, () -> both.without("2", NOW), "the current key stays");
    }

    @Test
    void v1TokensVerifyOnlyUnderTheImportedLegacyKey() throws Exception {
        byte[] legacy = key(9);
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"sub\":\"admin\",\"role\":\"admin\",\"exp\":"
                                + NOW.plusSeconds(600).getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        String body = "v1." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(legacy, "HmacSHA256"));
        String v1 = body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes()));

        KeyRing imported = new KeyRing(
                KeyPurpose.TOKEN_SIGNING, List.of(new KeyVersion(KeyVersion.LEGACY_ID, legacy, Instant.EPOCH, true)));
        TokenService upgraded = new TokenService(() -> imported, CLOCK);
        assertEquals("admin", upgraded.verify(v1).username(), "a token issued before the upgrade");
        String issued = upgraded.issue("admin", Role.ADMIN);
        assertTrue(issued.startsWith("v1."), "until a rotation the imported key signs as the previous version did");
        String issuedBody = issued.substring(0, issued.lastIndexOf('.'));
        assertEquals(
                issued.substring(issued.lastIndexOf('.') + 1),
                Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(issuedBody.getBytes())),
                "so members of the previous version verify it during a rolling upgrade");

        KeyRing rotatedAndRetired = imported.with(new KeyVersion("1", key(1), NOW.minusSeconds(1), false))
                .without(KeyVersion.LEGACY_ID, NOW);
        assertEquals(
                "token format v1 is no longer accepted",
                assertThrows(
                                TokenService.InvalidTokenException.class,
                                () -> new TokenService(() -> rotatedAndRetired, CLOCK).verify(v1))
                        .getMessage());
        KeyRing fresh = KeyRing.single(KeyPurpose.TOKEN_SIGNING, "1", legacy);
        assertThrows(
                TokenService.InvalidTokenException.class,
                () -> new TokenService(() -> fresh, CLOCK).verify(v1),
                "a non-legacy key never verifies v1, even with the same bytes");
    }
}
