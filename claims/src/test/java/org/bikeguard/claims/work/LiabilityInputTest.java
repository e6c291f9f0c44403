package org.bikeguard.claims.work;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiabilityInputTest {

    @Test
    void identityNumbersNeedEighteenCharactersAndTheRightCheckCharacter() {
        assertTrue(LiabilityInput.validIdNumber("11010519491231002X"));
        assertTrue(LiabilityInput.validIdNumber("440524188001010014"));
        assertFalse(LiabilityInput.validIdNumber("110105194912310021"), "wrong check character");
        assertFalse(LiabilityInput.validIdNumber("11010519491231002x"), "lower-case x");
        assertFalse(LiabilityInput.validIdNumber("1101051949123100"), "too short");
        assertFalse(LiabilityInput.validIdNumber("张三"));
        assertFalse(LiabilityInput.validIdNumber(null));
    }
}
