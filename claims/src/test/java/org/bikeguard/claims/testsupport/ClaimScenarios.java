package org.bikeguard.claims.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;

/**
 * Claims in a given state, set up through the HTTP API of a {@link ClaimsHarness} with the
 * scenario dates the claims ITs share. Theft: anti-theft policy sold on 2026-06-01, bike stolen on
 * 2026-08-10 10:00 Asia/Shanghai, claim opened on 2026-08-11, papers complete on 2026-09-18
 * (after the 30-day waiting period). Liability: policy bought on 2026-06-01, accident on 15 July
 * 2026 at 09:30 Asia/Shanghai on 解放大道 with one third party (张三, 11010519491231002X). Every call makes a fresh owner, bike and case (numbers unique
 * in the JVM). Leaves the harness clock on the last scenario date. Not thread-safe (one test
 * thread).
 */
public final class ClaimScenarios {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ClaimsHarness h;

    public ClaimScenarios(ClaimsHarness h) {
        this.h = h;
    }

    /**
     * A theft claim.
     *
     * @param id     the claim
     * @param owner  the owner's login (phone)
     * @param caseId the theft case at the tracker
     * @param tag    the bike's tag (heard at HY-0001 in the hours before the theft)
     */
    public record Theft(long id, String owner, String caseId, String tag) {

        /** The claim's API path. */
        public String path() {
            return "/api/v1/claims/" + id;
        }
    }

    /**
     * An open theft claim with complete papers, past the waiting period; the bike was bought on
     * {@code purchaseDate} (2024-10-01: the 800-yuan bracket; 2025-10-01: 1,200 yuan).
     */
    public Theft readyForDecision(String purchaseDate) {
        int n = SEQ.incrementAndGet();
        String owner = "1355" + String.format("%07d", n);
        h.tracker.owner("so" + n, owner, "4309**********" + n, null);
        h.tracker.bike("sb" + n, "so" + n, purchaseDate, "5C" + n);
        h.clock.setDate("2026-06-01");
        Resp sold = h.post(
                "/api/v1/policies",
                "inst1",
                "installer",
                new JsonObject().put("bikeId", "sb" + n).put("product", "anti-theft"));
        assertEquals(201, sold.status(), () -> sold.raw().toString());
        h.tracker.confirmedTheft("sc" + n, "sb" + n, "2026-08-10T02:00:00Z");
        h.tracker.sighting("5C" + n, "HY-0001", "2026-08-09T23:00:00Z", "2026-08-10T01:00:00Z");
        h.clock.setDate("2026-08-11");
        Resp opened = h.post(
                "/api/v1/claims",
                owner,
                "owner",
                new JsonObject().put("type", "theft").put("theftCaseId", "sc" + n));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        Theft t = new Theft(opened.json().getLong("id"), owner, "sc" + n, "5C" + n);
        h.clock.setDate("2026-09-18");
        Resp papers = h.post(
                t.path() + "/papers",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray()
                                        .add("police-receipt")
                                        .add("invoice")
                                        .add("id-card")
                                        .add("registration")));
        assertEquals(200, papers.status(), () -> papers.raw().toString());
        return t;
    }

    /** A theft claim approved by adj1 (and adj2 when four eyes apply), not yet signed by the owner. */
    public Theft approved(String purchaseDate) {
        Theft t = readyForDecision(purchaseDate);
        Resp approved = h.post(
                t.path() + "/decision",
                "adj1",
                "adjuster",
                new JsonObject().put("decision", "approve").put("reason", "all in order"));
        assertEquals(200, approved.status(), () -> approved.raw().toString());
        if (approved.json().getJsonObject("fourEyes").getBoolean("secondApprovalNeeded")) {
            Resp second = h.post(
                    t.path() + "/second-approval", "adj2", "adjuster", new JsonObject().put("reason", "checked"));
            assertEquals(200, second.status(), () -> second.raw().toString());
        }
        return t;
    }

    /** A theft claim approved, signed by the owner and paid by adj1 on 2026-09-18. */
    public Theft paid(String purchaseDate) {
        Theft t = approved(purchaseDate);
        Resp signed = h.post(t.path() + "/rights-transfer", t.owner(), "owner", null);
        assertEquals(200, signed.status(), () -> signed.raw().toString());
        Resp paid =
                h.post(t.path() + "/payment", "adj1", "adjuster", new JsonObject().put("reference", "PAY-" + t.id()));
        assertEquals(201, paid.status(), () -> paid.raw().toString());
        return t;
    }

    /** An open liability claim, opened by adj1; returns its id. */
    public long openLiability() {
        int n = SEQ.incrementAndGet();
        String owner = "1356" + String.format("%07d", n);
        h.tracker.owner("lo" + n, owner, "4308**********" + n, null);
        h.tracker.bike("lb" + n, "lo" + n, "2025-10-01", "1C" + n);
        h.clock.setDate("2026-06-01");
        Resp policy = h.post(
                "/api/v1/policies",
                owner,
                "owner",
                new JsonObject().put("bikeId", "lb" + n).put("product", "liability"));
        assertEquals(201, policy.status(), () -> policy.raw().toString());
        h.clock.setDate("2026-07-15");
        Resp opened = h.post(
                "/api/v1/claims",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put("type", "liability")
                        .put("policyId", String.valueOf(policy.json().getLong("id")))
                        .put("occurredAt", "2026-07-15T09:30:00+08:00")
                        .put("place", "解放大道")
                        .put(
                                "parties",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("name", "张三")
                                                .put("idNumber", "11010519491231002X"))));
        assertEquals(201, opened.status(), () -> opened.raw().toString());
        return opened.json().getLong("id");
    }

    /** A liability claim assessed by adj1 at {@code propertyFen} of property damage; returns its id. */
    public long assessedLiability(long propertyFen) {
        long id = openLiability();
        Resp assessed = h.post(
                "/api/v1/claims/" + id + "/assessment",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put(
                                "items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("head", "property")
                                                .put("assessedFen", propertyFen))));
        assertEquals(200, assessed.status(), () -> assessed.raw().toString());
        return id;
    }
}
