package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adjuster console and owner view are served by the claims router without a build step. */
class ConsolePagesIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void consoleAndOwnerPagesAreServedInChineseFirst() {
        Resp console = h.get("/claims/", null, null);
        assertEquals(200, console.status());
        assertTrue(console.contentType().startsWith("text/html"));
        assertTrue(console.raw().toString("UTF-8").contains("理赔工作台"));
        Resp owner = h.get("/claims/owner.html", null, null);
        assertTrue(owner.raw().toString("UTF-8").contains("我的理赔"));
        Resp js = h.get("/claims/common.js", null, null);
        assertEquals(200, js.status());
        assertTrue(js.raw().toString("UTF-8").contains("English"));
    }
}
