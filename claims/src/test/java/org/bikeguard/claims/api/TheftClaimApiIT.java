package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.bikeguard.testkit.ScenarioDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Theft claims through the HTTP API against a real PostgreSQL, with a fake tracker. */
class TheftClaimApiIT {

    private static ClaimsHarness h;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private String n;
    private String owner;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshBikeAndOwner() {
        n = String.valueOf(SEQ.incrementAndGet());
        owner = "1380000" + String.format("%04d", Integer.parseInt(n));
        h.tracker.owner("o" + n, owner, "4304**********" + n, null);
        h.tracker.bike("b" + n, "o" + n, "2025-10-01", "E2" + n);
        h.clock.setDate("2026-06-01");
    }

    private long sellAntiTheft(String start) {
        Resp r = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject()
                        .put("bikeId", "b" + n)
                        .put("product", "anti-theft")
                        .put("start", start));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }

    private long openTheft(String stolenAt) {
        h.tracker.confirmedTheft("c" + n, "b" + n, stolenAt);
        // regularly seen until an hour before the theft: no silence, nothing after
        h.tracker.sighting("E2" + n, "HY-0001", "2026-08-09T23:00:00Z", "2026-08-10T01:00:00Z");
        Resp r = h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(201, r.status(), () -> r.raw().toString());
        return r.json().getLong("id");
    }

    private JsonObject claim(long id) {
        Resp r = h.get("/api/v1/claims/" + id, "adj1", "adjuster");
        assertEquals(200, r.status(), () -> r.raw().toString());
        return r.json();
    }

    private Resp papers(long id, String receivedAt, String... papers) {
        JsonObject b = new JsonObject().put("received", new JsonArray(java.util.List.of((Object[]) papers)));
        if (receivedAt != null) {
            b.put("receivedAt", receivedAt);
        }
        return h.post("/api/v1/claims/" + id + "/papers", "adj1", "adjuster", b);
    }

    private Resp decide(long id, String decision) {
        return h.post(
                "/api/v1/claims/" + id + "/decision",
                "adj1",
                "adjuster",
                new JsonObject().put("decision", decision).put("reason", "checked the case file"));
    }

    @Test
    void theftClaimRunsFromOpeningToPaymentWithTheContractDueDate() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long id = openTheft("2026-08-10T02:00:00Z");
        JsonObject c = claim(id);
        assertEquals("open", c.getString("status"));
        assertEquals(120_000, c.getLong("payoutFen"));
        assertEquals("2026-09-09", c.getString("waitingEnd"));
        assertEquals(4, c.getJsonObject("papers").getJsonArray("missing").size());
        JsonArray notices = c.getJsonArray("notices");
        assertEquals(1, notices.size(), "missing papers are told once, all together");
        assertEquals(
                4,
                notices.getJsonObject(0)
                        .getJsonObject("details")
                        .getJsonArray("missing")
                        .size());
        assertEquals(0, c.getJsonArray("signals").size(), c.encodePrettily());
        assertTrue(c.getJsonObject("evidence").containsKey("trajectory"));

        h.clock.setDate("2026-09-18");
        assertEquals(200, papers(id, "2026-08-12", "police-receipt", "id-card").status());
        assertNull(claim(id).getString("papersCompleteAt"));
        assertEquals(200, papers(id, null, "invoice", "registration").status());
        c = claim(id);
        assertEquals("2026-09-18", c.getString("papersCompleteAt"));
        assertEquals("2026-10-15", c.getString("dueDate"));
        assertEquals(false, c.getBoolean("dueDateProvisional"));
        assertEquals(1, c.getJsonArray("notices").size(), "no further missing-papers notice");

        assertEquals(200, decide(id, "approve").status());
        Resp unpaid = h.post("/api/v1/claims/" + id + "/payment", "adj1", "adjuster", new JsonObject());
        assertEquals(409, unpaid.status(), "payment waits for the rights-transfer");
        assertEquals(
                200,
                h.post("/api/v1/claims/" + id + "/rights-transfer", owner, "owner", null)
                        .status());
        Resp oneEye = h.post("/api/v1/claims/" + id + "/payment", "adj1", "adjuster", new JsonObject());
        assertEquals(409, oneEye.status(), "1,200 yuan is above the four-eyes amount");
        assertEquals(
                "second-approval-needed", oneEye.json().getJsonObject("details").getString("reason"));
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/second-approval",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("reason", "checked again"))
                        .status());
        Resp paid = h.post(
                "/api/v1/claims/" + id + "/payment", "adj1", "adjuster", new JsonObject().put("reference", "BANK-1"));
        assertEquals(201, paid.status(), () -> paid.raw().toString());
        c = claim(id);
        assertEquals("paid", c.getString("status"));
        assertEquals(120_000, c.getJsonArray("payments").getJsonObject(0).getLong("amountFen"));
    }

    /**
     * The SLA on each fixed "now" of the suite: papers complete on that day (Asia/Shanghai), the
     * waiting period long over, so the due date is 15 working days after it. Dates in 2027 (whose
     * official holiday notice is not bundled) are computed from the holiday law and provisional.
     */
    @ParameterizedTest
    @EnumSource(ScenarioDate.class)
    void dueDateIsFifteenWorkingDaysAfterPapersCompleteOnEachFixedDate(ScenarioDate d) {
        LocalDate today = d.shanghaiDate();
        h.clock.setDate(today.minusDays(120).toString());
        sellAntiTheft(today.minusDays(120).toString());
        h.clock.setDate(today.minusDays(39).toString());
        long id = openTheft(today.minusDays(40) + "T02:00:00Z");
        h.clock.set(d.instant());
        assertEquals(
                200,
                papers(id, null, "police-receipt", "id-card", "invoice", "registration")
                        .status());
        JsonObject c = claim(id);
        assertEquals(today.toString(), c.getString("papersCompleteAt"), c::encode);
        switch (d) {
            case WEEKDAY -> assertDue("2026-12-15", c);
            case WEEKEND -> assertDue("2026-12-18", c);
            // National Day: 1-7 October off, Saturday 10 October worked
            case HOLIDAY -> assertDue("2026-10-27", c);
            // 2027 has no official notice bundled: computed from the holiday law, provisional
            // (1 January New Year's Day; 5 April, Qingming, a Monday)
            case NEW_YEARS_EVE -> assertProvisionalDue("2027-01-22", c);
            case YEAR_2027 -> assertProvisionalDue("2027-04-06", c);
            default -> throw new AssertionError(d);
        }
    }

    private static void assertProvisionalDue(String date, JsonObject c) {
        assertEquals(date, c.getString("dueDate"), c::encode);
        assertEquals(true, c.getBoolean("dueDateProvisional"), c::encode);
    }

    private static void assertDue(String date, JsonObject c) {
        assertEquals(date, c.getString("dueDate"), c::encode);
        assertEquals(false, c.getBoolean("dueDateProvisional"), c::encode);
    }

    @Test
    void papersReceivedBeforeTheClaimWasOpenedAreRejected() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long id = openTheft("2026-08-10T02:00:00Z");
        Resp r = papers(id, "2026-08-10", "invoice");
        assertEquals(400, r.status());
        assertEquals("validation", r.json().getString("code"));
        assertEquals(400, papers(id, null, "passport").status());
    }

    @Test
    void approvalIsRefusedWithTheUnmetConditionsWhileTheWaitingPeriodRuns() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long id = openTheft("2026-08-10T02:00:00Z");
        Resp r = decide(id, "approve");
        assertEquals(409, r.status());
        assertEquals("not_eligible", r.json().getString("code"));
        JsonArray unmet = r.json().getJsonObject("details").getJsonArray("unmet");
        assertTrue(unmet.contains("waiting-period-running"), unmet.encode());
        assertTrue(unmet.contains("papers-missing"), unmet.encode());
    }

    @Test
    void unconfirmedCaseCannotBeApproved() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long id = openTheft("2026-08-10T02:00:00Z");
        var tc = h.tracker.cases.get("c" + n);
        h.tracker.cases.put(
                tc.id(),
                new org.bikeguard.claims.tracker.TrackerGateway.TheftCase(
                        tc.id(), tc.bikeId(), "reported", tc.caseNo(), tc.stolenAt(), tc.reportedAt(), null, null));
        h.clock.setDate("2026-09-18");
        papers(id, null, "police-receipt", "id-card", "invoice", "registration");
        Resp r = decide(id, "approve");
        assertEquals(409, r.status());
        assertEquals(
                "[\"case-not-confirmed\"]",
                r.json().getJsonObject("details").getJsonArray("unmet").encode());
    }

    @Test
    void bikeFoundBeforePaymentClosesTheClaim() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long id = openTheft("2026-08-10T02:00:00Z");
        Resp r = h.post(
                "/api/v1/claims/" + id + "/recovery",
                "pol1",
                "police",
                new JsonObject().put("foundAt", "2026-08-12T10:00:00+08:00"));
        assertEquals(200, r.status(), () -> r.raw().toString());
        JsonObject c = claim(id);
        assertEquals("closed", c.getString("status"));
        assertEquals("before-payment", c.getString("recovery"));
    }

    @Test
    void bikeFoundAfterPaymentIsReturnedAgainstTheRefundOrSalvaged() {
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            if (i == 1) {
                freshBikeAndOwner();
            }
            sellAntiTheft("2026-06-01");
            h.clock.setDate("2026-08-11");
            long id = openTheft("2026-08-10T02:00:00Z");
            h.clock.setDate("2026-09-18");
            papers(id, null, "police-receipt", "id-card", "invoice", "registration");
            assertEquals(200, decide(id, "approve").status());
            // four eyes above 1,000 yuan; the owner signs the rights transfer
            h.post(
                    "/api/v1/claims/" + id + "/second-approval",
                    "adj2",
                    "adjuster",
                    new JsonObject().put("reason", "ok"));
            h.post("/api/v1/claims/" + id + "/rights-transfer", owner, "owner", null);
            assertEquals(
                    201,
                    h.post("/api/v1/claims/" + id + "/payment", "adj1", "adjuster", null)
                            .status());
            ids[i] = id;
        }
        assertEquals(
                400,
                h.post("/api/v1/claims/" + ids[0] + "/recovery", "adj1", "adjuster", new JsonObject())
                        .status());
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + ids[0] + "/recovery",
                                "adj1",
                                "adjuster",
                                new JsonObject().put("resolution", "return"))
                        .status());
        JsonObject returned = claim(ids[0]);
        assertEquals("returned", returned.getString("status"));
        assertEquals(1, returned.getJsonArray("payments").size(), "no refund before the money is received");
        assertEquals(
                "bike-recovered",
                returned.getJsonArray("receivables").getJsonObject(0).getString("reason"));
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + ids[1] + "/recovery",
                                "adj1",
                                "adjuster",
                                new JsonObject().put("resolution", "salvage"))
                        .status());
        assertEquals("salvaged", claim(ids[1]).getString("status"));
    }

    @Test
    void repeatedClaimsBySameOwnerAreReferredToReviewWithTheReason() {
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        openTheft("2026-08-10T02:00:00Z");
        String firstOwner = "o" + n;
        String phone = owner;
        n = String.valueOf(SEQ.incrementAndGet());
        h.tracker.bike("b" + n, firstOwner, "2025-10-01", "E2" + n);
        owner = phone;
        h.clock.setDate("2026-06-01");
        sellAntiTheft("2026-06-01");
        h.clock.setDate("2026-08-11");
        long second = openTheft("2026-08-10T03:00:00Z");
        JsonObject c = claim(second);
        assertEquals("referred", c.getString("status"));
        JsonObject sig = c.getJsonArray("signals").getJsonObject(0);
        assertEquals("repeat-claims", sig.getString("code"));
        assertTrue(sig.getString("reason").contains("owner"));
    }

    @Test
    void aSharedMaskedIdNumberCountsAsARepeatOnlyTogetherWithTheSameName() {
        // The tracker shows ID numbers masked (first 3, last 4): unrelated people share them.
        String masked = "430***********" + String.format("%04d", 9000 + Integer.parseInt(n));
        java.util.List<String> names = java.util.List.of("张伟", "李娜", "张伟");
        java.util.List<JsonArray> signals = new java.util.ArrayList<>();
        for (String name : names) {
            h.tracker.owners.put(
                    "o" + n,
                    new org.bikeguard.claims.tracker.TrackerGateway.Owner("o" + n, name, masked, owner, owner, null));
            h.clock.setDate("2026-06-01");
            sellAntiTheft("2026-06-01");
            h.clock.setDate("2026-08-11");
            signals.add(claim(openTheft("2026-08-10T02:00:00Z")).getJsonArray("signals"));
            freshBikeAndOwner();
        }
        assertTrue(
                signals.get(1).stream().noneMatch(s -> "repeat-claims".equals(((JsonObject) s).getString("code"))),
                signals.get(1)::encode);
        JsonObject repeat = signals.get(2).stream()
                .map(JsonObject.class::cast)
                .filter(s -> "repeat-claims".equals(s.getString("code")))
                .findFirst()
                .orElseThrow();
        assertTrue(repeat.getJsonObject("details").containsKey("id-number"), repeat::encode);
    }

    @Test
    void policyCannotBeBackdatedAndOneCoverPerBikeAtATime() {
        h.clock.setDate("2026-06-10");
        Resp r = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject()
                        .put("bikeId", "b" + n)
                        .put("product", "anti-theft")
                        .put("start", "2026-06-09"));
        assertEquals(400, r.status());
        sellAntiTheft("2026-06-10");
        Resp again = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject().put("bikeId", "b" + n).put("product", "anti-theft"));
        assertEquals(409, again.status());
    }

    @Test
    void theftOutsideTheCoverIsRefusedAtOpening() {
        sellAntiTheft("2026-08-20");
        h.clock.setDate("2026-08-21");
        h.tracker.confirmedTheft("c" + n, "b" + n, "2026-08-10T02:00:00Z");
        Resp r = h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "c" + n));
        assertEquals(409, r.status());
    }
}
