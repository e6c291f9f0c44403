package org.bikeguard.sim.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.bikeguard.protocol.TagIds;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private static final City CITY = CityGenerator.generate(
            new CitySpec("custom", 4_000, 120, 20_000, 1, 1, 2), 11, "T-", LocalDate.of(2026, 11, 20));

    @Test
    void checkDigitFollowsGb11643() {
        // The standard's worked example: 11010519491231002X.
        assertEquals('X', Registry.checkDigit("11010519491231002"));
        assertTrue(Registry.validIdNumber("11010519491231002X"));
        assertFalse(Registry.validIdNumber("110105194912310021"));
    }

    @Test
    void ownersHaveValidFictitiousUniqueIdsAndPhones() {
        Set<String> ids = new HashSet<>();
        Set<String> phones = new HashSet<>();
        boolean[] seen = new boolean[CITY.bikes().owners()];
        for (int b = 0; b < CITY.bikes().count(); b++) {
            int o = CITY.bikes().owner(b);
            if (seen[o]) {
                continue;
            }
            seen[o] = true;
            Registry.Owner w = CITY.registry().ownerOf(b);
            assertTrue(Registry.validIdNumber(w.idNumber()), w.idNumber());
            assertTrue(w.idNumber().startsWith(Registry.REGION_PREFIX), "fictitious region");
            assertEquals(w.male(), (w.idNumber().charAt(16) - '0') % 2 == 1);
            assertTrue(ids.add(w.idNumber()), "duplicate ID number " + w.idNumber());
            assertTrue(w.phone().matches("1[3-9]\\d{9}"), w.phone());
            assertTrue(phones.add(w.phone()));
            assertTrue(w.name().length() >= 2 && w.name().length() <= 3, w.name());
            assertTrue(w.password().length() >= 8);
        }
        assertTrue(ids.size() > 15_000);
    }

    @Test
    void bikesHaveUniquePapersBoughtBeforeTheRegistryDate() {
        Set<String> plates = new HashSet<>();
        Set<String> frames = new HashSet<>();
        for (int b = 0; b < CITY.bikes().count(); b++) {
            Registry.Bike k = CITY.registry().bike(b);
            assertTrue(plates.add(k.plate()), k.plate());
            assertTrue(frames.add(k.frameNo()), k.frameNo());
            assertTrue(k.frameNo().matches("[A-Z0-9]{1,40}"));
            assertTrue(k.motorNo().matches("[A-Z0-9]{1,40}"));
            assertTrue(k.batterySerial().matches("[A-Z0-9]{1,40}"));
            assertTrue(k.purchaseDate().isBefore(LocalDate.of(2026, 11, 20)));
            assertTrue(k.purchasePriceFen() >= 100_000 && k.purchasePriceFen() < 1_000_000);
            assertEquals(TagIds.format(CITY.bikes().tag(b)), k.tag());
            assertEquals(b, Bikes.index(k.id()));
        }
    }
}
