package org.bikeguard.tracker.police;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.testkit.CdpBrowser;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The police console when its token expires ({@code BIKEGUARD_TOKEN_LIFETIME_S=30}): the tracker
 * closes the alarm socket with 4401, the console asks for the password instead of retrying, and
 * after the password it reconnects from the last alarm seen, catching up what was raised meanwhile
 * without a beep. Sound: a suspended audio context shows the "sound is off" banner until a click.
 * Headless Chromium; skipped without {@code /usr/bin/chromium}.
 */
class AlarmReloginConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TrackerKit tracker;
    private static final AtomicLong SEQ = new AtomicLong();

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(CdpBrowser.available(), "chromium is not installed");
        tracker = TrackerKit.builder().env("BIKEGUARD_TOKEN_LIFETIME_S", "30").start();
        tracker.station("RL-1", 112.57, 26.89);
        tracker.station("RL-2", 112.58, 26.90);
        tracker.user("officer-rl", "police");
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anExpiredTokenAsksForThePasswordAndTheStreamResumesWhereItWas() throws Exception {
        try (CdpBrowser b = AlarmTriageConsoleIT.console(tracker, "officer-rl")) {
            // sound after a reload: a suspended audio context says so until the first gesture
            b.eval("BG.alarms.audio.suspend().then(() => true)");
            b.waitFor("!document.getElementById('sound-off').hidden", WAIT);
            b.mouse("mousePressed", 400, 300);
            b.mouse("mouseReleased", 400, 300);
            b.waitFor("BG.alarms.audio.state === 'running' && document.getElementById('sound-off').hidden", WAIT);

            AlarmTriageConsoleIT.raise(tracker, SEQ, "DE01", "RL-1");
            b.waitFor("BG.alarms.list.some(a => a.tag === 'DE01')", WAIT);
            assertEquals(1, ((Number) b.eval("BG.alarms.beeps")).intValue());

            // the 30 s token expires: the tracker closes the socket, the console asks for the password
            b.waitFor("!document.getElementById('relogin').hidden", Duration.ofSeconds(45));
            assertEquals("登录已过期", b.eval("document.getElementById('ws-state').textContent"));
            assertEquals("officer-rl", b.eval("document.getElementById('relogin-user').value"));
            assertEquals(Boolean.FALSE, b.eval("!!BG.api.token"));
            long attempts = ((Number) b.eval("BG.alarms.attempts")).longValue();
            AlarmTriageConsoleIT.raise(tracker, SEQ, "DE02", "RL-2");
            Thread.sleep(3_000);
            assertEquals(attempts, ((Number) b.eval("BG.alarms.attempts")).longValue(), "no retrying meanwhile");
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('login').hidden"), "the page was not reloaded");

            b.eval("document.getElementById('relogin-pass').value = 'password-officer-rl';"
                    + " document.getElementById('relogin-go').click(); true");
            b.waitFor("BG.alarms.ready && !BG.alarms.catchingUp && BG.alarms.list.some(a => a.tag === 'DE02')", WAIT);
            assertEquals(Boolean.TRUE, b.eval("document.getElementById('relogin').hidden"));
            assertEquals(1, ((Number) b.eval("BG.session.relogins")).intValue());
            assertEquals(1, ((Number) b.eval("BG.alarms.beeps")).intValue(), "the caught-up alarm did not beep");
            assertEquals(1, ((Number) b.eval("BG.alarms.missed")).intValue());
            assertEquals(2, ((Number) b.eval("BG.alarms.list.length")).intValue());
            assertNotEquals("登录已过期", b.eval("document.getElementById('ws-state').textContent"));
            AlarmTriageConsoleIT.clean(b);
        }
    }
}
