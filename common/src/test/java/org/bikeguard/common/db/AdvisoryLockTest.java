package org.bikeguard.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AdvisoryLockTest {

    @Test
    void keysAreFnv1a64OfTheUtf8NameSoEveryMemberDerivesTheSameOne() {
        assertEquals(0xcbf29ce484222325L, AdvisoryLock.key(""));
        assertEquals(0xaf63dc4c8601ec8cL, AdvisoryLock.key("a"));
        assertEquals(0x85944171f73967e8L, AdvisoryLock.key("foobar"));
        assertNotEquals(AdvisoryLock.key("bikeguard.tracker.schema"), AdvisoryLock.key("bikeguard.claims.schema"));
    }
}
