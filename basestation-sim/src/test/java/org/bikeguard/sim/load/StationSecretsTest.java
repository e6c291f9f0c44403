package org.bikeguard.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StationSecretsTest {
    @Test
    void secretIsFirst32HexDigitsOfSha256OfSeedColonId() {
        // printf 'bikeguard-bench:BENCH-0001' | sha256sum | cut -c1-32
        assertEquals("6547f287ade37edf972ca3a732a522e0", StationSecrets.secret("bikeguard-bench", "BENCH-0001"));
        assertEquals("443906f74d839523b8568b7f98bc5a0e", StationSecrets.secret("s3cret", "HY-0001"));
    }

    @Test
    void secretsAreDeterministicAndDifferByIdAndSeed() {
        String a = StationSecrets.secret("seed", "BENCH-0001");
        assertEquals(a, StationSecrets.secret("seed", "BENCH-0001"));
        assertNotEquals(a, StationSecrets.secret("seed", "BENCH-0002"));
        assertNotEquals(a, StationSecrets.secret("other", "BENCH-0001"));
        assertTrue(a.matches("[0-9a-f]{32}"));
    }
}
