package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final TokenService tokens = new TokenService(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuedTokenVerifiesWithUsernameRoleAndTwelveHourExpiry() throws Exception {
        TokenService.Claims c = tokens.verify(tokens.issue("officer-1", Role.POLICE));
        assertEquals("officer-1", c.username());
        assertEquals(Role.POLICE, c.role());
        assertEquals(NOW.plus(Duration.ofHours(12)), c.expiresAt());
    }

    @Test
    void everyTokenCarriesItsOwnRandomId() throws Exception {
        String a = tokens.verify(tokens.issue("officer-1", Role.POLICE)).tokenId();
        String b = tokens.verify(tokens.issue("officer-1", Role.POLICE)).tokenId();
        assertTrue(a != null && a.length() >= 22, "128 random bits, base64url: " + a);
        assertTrue(!a.equals(b), "two logins of one user get two ids: " + a + " " + b);
    }

    @Test
    void anotherMemberWithTheSameKeyVerifiesTheToken() throws Exception {
        String t = tokens.issue("admin", Role.ADMIN);
        assertEquals(
                "admin",
                new TokenService(KEY.clone(), Clock.fixed(NOW, ZoneOffset.UTC))
                        .verify(t)
                        .username());
    }

    @Test
    void expiredTokenIsRejected() {
        String t = tokens.issue("admin", Role.ADMIN, NOW.minusSeconds(1));
        TokenService.InvalidTokenException e =
                assertThrows(TokenService.InvalidTokenException.class, () -> tokens.verify(t));
        assertTrue(e.getMessage().startsWith("token expired"), e.getMessage());
        TokenService later = new TokenService(KEY, Clock.fixed(NOW.plus(Duration.ofHours(12)), ZoneOffset.UTC));
        assertThrows(TokenService.InvalidTokenException.class, () -> later.verify(tokens.issue("a", Role.ADMIN)));
    }

    @Test
    void tokenWithAChangedRoleOrForeignKeyFailsTheSignatureCheck() {
        String t = tokens.issue("eve", Role.OWNER);
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"sub\":\"eve\",\"role\":\"admin\",\"exp\":"
                                + NOW.plusSeconds(60).getEpochSecond() + ",\"kid\":\"1\"}")
                        .getBytes());
        String forged = "v2." + forgedPayload + t.substring(t.lastIndexOf('.'));
        assertEquals(
                "token signature does not verify",
                assertThrows(TokenService.InvalidTokenException.class, () -> tokens.verify(forged))
                        .getMessage());
        byte[] other = new byte[32];
        TokenService foreign = new TokenService(other, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(TokenService.InvalidTokenException.class, () -> foreign.verify(t));
    }

    @Test
    void garbledTokensAreMalformed() {
        for (String bad : new String[] {"", "abc", "v1.", "v1..", "v1.!!!.???", "v2.a.b", "v1.e30."}) {
            assertThrows(TokenService.InvalidTokenException.class, () -> tokens.verify(bad), bad);
        }
    }
}
