package org.bikeguard.tracker.owner;

import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the owner pages' browser test classes: one {@link OwnerPhone} per class, started before
 * its first test and closed after its last, with its tracker and accounts at hand. The fields are
 * the running class's (test classes run one after another in this module).
 */
@Timeout(300)
abstract class OwnerPhoneTests {

    static OwnerPhone ui;
    static TrackerKit tracker;
    static String installer;
    static String police;

    @BeforeAll
    static void startPhone() {
        ui = OwnerPhone.start();
        tracker = ui.tracker;
        installer = ui.installer;
        police = ui.police;
    }

    @AfterAll
    static void stopPhone() {
        if (ui != null) {
            ui.close();
            ui = null;
        }
    }
}
