package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void platesAreComparedUpperCaseWithoutBlanksDotsAndDashes() {
        assertEquals("湘D12345", Values.plate(" 湘d·12 345 "));
        assertEquals("湘D12345", Values.plate("湘D-12345"));
        assertThrows(RegistryException.class, () -> Values.plate(" · "));
        assertThrows(RegistryException.class, () -> Values.plate(null));
    }

    @Test
    void frameNumbersAreLettersAndDigitsUpperCase() {
        assertEquals("LYD2025000123", Values.frameNo("lyd 2025-000123"));
        assertThrows(RegistryException.class, () -> Values.frameNo("LYD/2025"));
        assertEquals("", Values.optionalIdentifier("  ", "motorNo"));
    }

    @Test
    void phonesAreMainlandMobileNumbersWithOptionalCountryCode() {
        assertEquals("13912345678", Values.phone("+86 139-1234-5678"));
        assertThrows(RegistryException.class, () -> Values.phone("12912345678"));
        assertThrows(RegistryException.class, () -> Values.phone("1391234567"));
    }

    @Test
    void bikeInputRefusesNegativeOrHugePricesAndFuturePurchaseDates() {
        assertThrows(RegistryException.class, () -> input(-1, LocalDate.of(2025, 1, 1)));
        assertThrows(RegistryException.class, () -> input(BikeInput.MAX_PRICE_FEN + 1, LocalDate.of(2025, 1, 1)));
        BikeInput ok = input(0, LocalDate.of(2026, 11, 23));
        assertEquals(ok, ok.notAfter(LocalDate.of(2026, 11, 23)));
        assertThrows(RegistryException.class, () -> ok.notAfter(LocalDate.of(2026, 11, 22)));
    }

    @Test
    void ownerInputNamesTheIdNumberFieldWithoutEchoingIt() {
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> OwnerInput.of(
                        "张三",
                        "110105194912310021",
                        "13912345678",
                        "password-1",
                        null,
                        null,
                        null,
                        LocalDate.of(2026, 11, 23)));
        assertEquals("idNumber", e.details().getValue("field"));
        assertEquals(RegistryException.Kind.INVALID, e.kind());
        assertThrows(
                RegistryException.class,
                () -> OwnerInput.of(
                        "张三",
                        "11010519491231002X",
                        "13912345678",
                        "password-1",
                        null,
                        "landlord",
                        null,
                        LocalDate.of(2026, 11, 23)));
    }

    private static BikeInput input(long price, LocalDate bought) {
        return new BikeInput(1, 0xE2L, "湘D1", "F1", null, null, null, null, null, bought, price, null);
    }
}
