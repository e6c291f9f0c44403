package org.bikeguard.claims.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bikeguard.claims.report.PdfText;
import org.bikeguard.testkit.FreePorts;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.JsonFrames;
import org.bikeguard.testkit.Poll;
import org.bikeguard.testkit.ScenarioClock;
import org.bikeguard.testkit.ScenarioDate;
import org.bikeguard.testkit.TestStation;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claims module against the real tracker, in one JVM and on the tracker's one HTTP port, the
 * way {@code ops/run} deploys them: the tracker deploys {@code org.bikeguard.claims.ClaimsVerticle}
 * by name, mounts its router behind its own bearer-token authentication, and claims reads the
 * registry and theft cases through the tracker's public API (logged in as admin). Every step is
 * an HTTP call by the person who does it in the scheme: admin, installer, owner, police,
 * adjuster. Base-station reads arrive over MQTT, so the claim's evidence comes from real
 * sightings.
 *
 * <p>The whole scenario runs once on each fixed date of the suite ({@link ScenarioDate}: a
 * weekday, a weekend, National Day, New Year's Eve and a day in 2027), with the tracker, and the
 * claims module it deploys, on a clock ticking from that instant: nothing depends on today.
 *
 * <p>Settings: failsafe gives the test JVM {@code BIKEGUARD_ADMIN_PASSWORD} and
 * {@code BIKEGUARD_THEFT_WAITING_DAYS=0} (claims reads both from the process environment), so an
 * approval is possible on the day of the theft.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "on {0}")
@EnumSource(ScenarioDate.class)
@Timeout(240)
class ClaimsWithRealTrackerIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String HOME = "E2E-HOME";
    private static final String PARK = "E2E-PARK";
    private static final String SECRET = "e2e-station-secret-0001";
    private static final AtomicLong SEQ = new AtomicLong();

    @Parameter
    ScenarioDate date;
    /** Scenario time: ticking from {@link #date}. */
    private Clock clock;

    private TrackerKit tracker;
    private RegistrySteps steps;
    private String admin;
    private String installer;
    private String police;
    private String adjuster;

    @BeforeParameterizedClassInvocation
    void startTrackerWithClaims() {
        clock = ScenarioClock.ticking(date.instant());
        String adminPassword = System.getenv("BIKEGUARD_ADMIN_PASSWORD");
        assertNotNull(adminPassword, "failsafe sets BIKEGUARD_ADMIN_PASSWORD for this test (claims/pom.xml)");
        assertEquals(
                "0",
                System.getenv("BIKEGUARD_THEFT_WAITING_DAYS"),
                "failsafe sets BIKEGUARD_THEFT_WAITING_DAYS=0 for this test (claims/pom.xml)");
        // as ops/run: a known HTTP port (the tracker publishes its URL, through which claims reads the
        // registry), claims deployed by name, the settings claims also reads from the environment
        int port = FreePorts.free();
        tracker = TrackerKit.builder()
                .clock(clock)
                .adminPassword(adminPassword)
                .httpPort(port)
                .env("BIKEGUARD_THEFT_WAITING_DAYS", "0")
                .env("BIKEGUARD_INGEST_INSTANCES", "1")
                .verticles("org.bikeguard.claims.ClaimsVerticle")
                .start();
        assertEquals(port, tracker.httpPort());

        steps = new RegistrySteps(tracker, tracker.token("admin", adminPassword));
        admin = steps.admin;
        installer = steps.installer;
        police = steps.police;
        adjuster = steps.adjuster;
        steps.station(HOME, 112.6070, 26.8930, SECRET);
        steps.station(PARK, 112.6200, 26.9010, SECRET);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /**
     * A theft time just after the policy was bought (cover starts at the instant of purchase, never
     * before): the next whole second after its {@code createdAt} plus one, once the scenario clock
     * has passed it (the tracker takes no theft in the future).
     */
    private Instant theftJustAfterPurchase(JsonObject policy) {
        Instant bought = Instant.parse(policy.getString("createdAt"));
        Instant t = bought.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        Poll.until(Duration.ofSeconds(10), "the scenario clock passes " + t, () -> clock.instant()
                .isAfter(t));
        return t;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SHANGHAI));
    }

    private static List<String> codes(JsonArray signals) {
        List<String> out = new ArrayList<>();
        signals.forEach(s -> out.add(((JsonObject) s).getString("code")));
        return out;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Publishes one frame as station {@code id}: {@code tag} read {@code count} times at {@code at}. */
    private static void read(TestStation station, String id, String tag, Instant at, int count) {
        station.publishAndWait(JsonFrames.frame(
                id, SEQ.incrementAndGet(), "[" + JsonFrames.read(tag, at.toEpochMilli(), -55, count) + "]"));
    }

    /** Waits until the tracker shows {@code expected} sightings of {@code tag} in the window. */
    private JsonArray awaitSightings(String tag, Instant from, Instant to, int expected) {
        String path = "/api/v1/tags/" + tag + "/sightings?from=" + q(from.toString()) + "&to=" + q(to.toString());
        return Poll.until(
                Duration.ofSeconds(30),
                expected + " sightings of " + tag,
                () -> {
                    Response r = tracker.get(path, admin);
                    assertEquals(200, r.status(), r::toString);
                    return r.json().getJsonArray("sightings");
                },
                sightings -> sightings.size() >= expected);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theftClaimRunsFromPolicyToSettlementAgainstTheRealRegistryAndTheftCase() throws Exception {
        RegistrySteps.Owner owner = steps.registerOwner("张三", HOME);
        RegistrySteps.Owner other = steps.registerOwner("李四", null);
        String tag = "E2E0001";
        LocalDate purchase = today().minusMonths(18);
        long bikeId = steps.registerBike(owner, tag, purchase);

        // Anti-theft service: 120 yuan, 3 years, from today; the waiting period is 0 days here.
        JsonObject policy = steps.buyAntiTheft(owner, bikeId);
        long policyId = policy.getLong("id");
        assertEquals(12_000, policy.getLong("premiumFen"), policy::encode);
        assertEquals(today().toString(), policy.getString("start"), policy::encode);
        JsonArray products =
                tracker.get("/api/v1/products", owner.token()).json().getJsonArray("products");
        JsonObject antiTheft = products.stream()
                .map(JsonObject.class::cast)
                .filter(p -> "anti-theft".equals(p.getString("product")))
                .findFirst()
                .orElseThrow();
        assertEquals(0, antiTheft.getInteger("waitingDays"), antiTheft::encode);
        Response othersBike = tracker.post(
                "/api/v1/policies",
                other.token(),
                new JsonObject().put("bikeId", bikeId).put("product", "liability"));
        assertEquals(403, othersBike.status(), "an owner buys cover only for their own bike: " + othersBike);

        // The tag passes the park 10 minutes before the theft, which happens just after the purchase.
        Instant stolenAt = theftJustAfterPurchase(policy);
        try (TestStation park = tracker.connect(PARK, SECRET)) {
            read(park, PARK, tag, stolenAt.minus(Duration.ofMinutes(10)), 5);
        }
        awaitSightings(tag, stolenAt.minus(Duration.ofHours(1)), clock.instant().plusSeconds(60), 1);

        long caseId = steps.reportAndConfirm(owner, bikeId, stolenAt, "HY-2026-E2E-01");
        Response stolenBike = tracker.post(
                "/api/v1/policies",
                owner.token(),
                new JsonObject().put("bikeId", bikeId).put("product", "liability"));
        assertEquals(409, stolenBike.status(), "the registry shows the bike stolen: " + stolenBike);
        assertEquals(
                "bike-stolen", stolenBike.json().getJsonObject("details").getString("reason"), stolenBike::toString);

        // The owner opens the theft claim, linked to the police case.
        Response opened = tracker.post(
                "/api/v1/claims",
                owner.token(),
                new JsonObject().put("type", "theft").put("theftCaseId", caseId).put("policyId", policyId));
        assertEquals(201, opened.status(), opened::toString);
        long claimId = opened.json().getLong("id");

        JsonObject ownersView = steps.claim(claimId, owner.token());
        assertEquals("referred", ownersView.getString("status"), "a theft on the policy's first day is reviewed");
        assertEquals(80_000, ownersView.getLong("payoutFen"), "18 months old: the 800-yuan bracket");
        assertEquals(1, ownersView.getInteger("bracket"));
        assertEquals(String.valueOf(caseId), ownersView.getString("theftCaseId"));
        assertEquals("HY-2026-E2E-01", ownersView.getString("caseNo"));
        assertEquals("confirmed", ownersView.getString("caseStatus"));
        assertEquals(purchase.toString(), ownersView.getString("purchaseDate"));
        assertEquals(String.valueOf(bikeId), ownersView.getValue("bikeId").toString());
        assertEquals("E2E0001", ownersView.getString("tag"));
        assertTrue(
                ownersView.getString("plate").matches("湘DE\\d+"), () -> "the tracker's canonical plate: " + ownersView);
        assertEquals(utcMillis(stolenAt), ownersView.getString("stolenAt"));
        assertNull(ownersView.getString("papersCompleteAt"));
        assertNull(ownersView.getString("dueDate"));
        assertFalse(ownersView.containsKey("signals"), "owners do not see fraud signals");
        assertFalse(ownersView.containsKey("evidence"));
        JsonArray notices = ownersView.getJsonArray("notices");
        assertEquals(1, notices.size(), "missing papers are told once, all together");
        assertEquals(
                Set.of("police-receipt", "invoice", "id-card", "registration"),
                Set.copyOf(notices.getJsonObject(0)
                        .getJsonObject("details")
                        .getJsonArray("missing")
                        .getList()));

        // The adjuster's view: fraud signals with reasons, the evidence, the owner's masked ID number.
        JsonObject staffView = steps.claim(claimId, adjuster);
        List<String> signals = codes(staffView.getJsonArray("signals"));
        assertTrue(signals.contains("early-theft"), signals::toString);
        assertFalse(signals.contains("silent-before-theft"), "the tag was read 10 minutes before the theft");
        assertFalse(signals.contains("repeat-claims"), signals::toString);
        staffView
                .getJsonArray("signals")
                .forEach(s -> assertFalse(((JsonObject) s).getString("reason").isBlank()));
        JsonObject evidence = staffView.getJsonObject("evidence");
        assertEquals("HY-2026-E2E-01", evidence.getJsonObject("theft-case").getString("caseNo"));
        assertTrue(evidence.getJsonObject("trajectory").getBoolean("available"), evidence::encode);
        JsonArray lastSightings = evidence.getJsonObject("last-sightings").getJsonArray("points");
        assertEquals(1, lastSightings.size(), evidence::encode);
        assertEquals(PARK, lastSightings.getJsonObject(0).getString("station"), evidence::encode);
        JsonObject ownerData = staffView.getJsonObject("owner");
        assertEquals(String.valueOf(owner.id()), ownerData.getString("id"));
        assertEquals("张三", ownerData.getString("name"));
        assertEquals(owner.maskedIdNumber(), ownerData.getString("idNumber"));
        assertTrue(ownerData.getString("idNumber").contains("*"), "claims only ever holds the masked number");
        assertEquals(owner.phone(), ownerData.getString("phone"));

        // Not yet: papers missing (the 0-day waiting period has ended, the case is confirmed).
        Response early = tracker.post(
                "/api/v1/claims/" + claimId + "/decision",
                adjuster,
                new JsonObject().put("decision", "approve").put("reason", "核实无误"));
        assertEquals(409, early.status(), early::toString);
        assertEquals("not_eligible", early.code());
        assertEquals(
                List.of("papers-missing"),
                early.json().getJsonObject("details").getJsonArray("unmet").getList());

        // The adjuster records the papers; the SLA runs 15 working days from today.
        Response papers = tracker.post(
                "/api/v1/claims/" + claimId + "/papers",
                adjuster,
                new JsonObject()
                        .put(
                                "received",
                                new JsonArray()
                                        .add("police-receipt")
                                        .add("invoice")
                                        .add("id-card")
                                        .add("registration")));
        assertEquals(200, papers.status(), papers::toString);
        assertEquals(today().toString(), papers.json().getString("papersCompleteAt"));
        Response due = tracker.get("/api/v1/calendar/working-days?from=" + today() + "&days=15", adjuster);
        // every claim has a deadline: one reaching 2027 (no official notice bundled) is computed from
        // the holiday law and marked provisional
        assertEquals(200, due.status(), due::toString);
        assertEquals(due.json().getString("date"), papers.json().getString("dueDate"), papers::toString);
        assertEquals(
                date == ScenarioDate.NEW_YEARS_EVE || date == ScenarioDate.YEAR_2027,
                papers.json().getBoolean("dueDateProvisional"),
                papers::toString);
        assertTrue(tracker.get("/api/v1/claims/queue", adjuster).json().getJsonArray("claims").stream()
                .anyMatch(c -> ((JsonObject) c).getLong("id") == claimId));

        // Approve with the reason, the owner signs the rights transfer, the payment is recorded.
        Response approved = tracker.post(
                "/api/v1/claims/" + claimId + "/decision",
                adjuster,
                new JsonObject().put("decision", "approve").put("reason", "公安已立案，材料齐全，信号已核实"));
        assertEquals(200, approved.status(), approved::toString);
        assertEquals("approved", approved.json().getString("status"));
        // four eyes: the claim was referred, so a second adjuster (here the admin) approves too
        Response second = tracker.post(
                "/api/v1/claims/" + claimId + "/second-approval",
                admin,
                new JsonObject().put("reason", "复核：首日被盗，公安已立案"));
        assertEquals(200, second.status(), second::toString);
        Response unsigned = tracker.post("/api/v1/claims/" + claimId + "/payment", adjuster, null);
        assertEquals(409, unsigned.status(), "no payment before the rights transfer: " + unsigned);
        Response signed = tracker.post("/api/v1/claims/" + claimId + "/rights-transfer", owner.token(), null);
        assertEquals(200, signed.status(), signed::toString);
        Response paid = tracker.post(
                "/api/v1/claims/" + claimId + "/payment", adjuster, new JsonObject().put("reference", "BANK-E2E-0001"));
        assertEquals(201, paid.status(), paid::toString);
        JsonObject afterPayment = paid.json().getJsonObject("claim");
        assertEquals("paid", afterPayment.getString("status"));
        JsonObject payment = afterPayment.getJsonArray("payments").getJsonObject(0);
        assertEquals("payout", payment.getString("kind"));
        assertEquals(80_000, payment.getLong("amountFen"));

        // The settlement notice, as the owner downloads it.
        Response pdf = tracker.get("/api/v1/claims/" + claimId + "/documents/settlement.pdf", owner.token());
        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        String text = PdfText.of(pdf.raw());
        for (String part : List.of("电动车防盗服务理赔结算通知书", "张三", "HY-2026-E2E-01", "800.00", "捌佰元整")) {
            assertTrue(text.contains(part), () -> "missing [" + part + "] in:\n" + text);
        }

        // Each owner sees only their own claims; someone else's answer 404.
        JsonArray mine = tracker.get("/api/v1/claims", owner.token()).json().getJsonArray("claims");
        assertEquals(1, mine.size(), mine::encode);
        assertEquals(claimId, mine.getJsonObject(0).getLong("id"));
        assertEquals("paid", mine.getJsonObject(0).getString("status"));
        assertEquals(
                0,
                tracker.get("/api/v1/claims", other.token())
                        .json()
                        .getJsonArray("claims")
                        .size());
        Response notTheirs = tracker.get("/api/v1/claims/" + claimId, other.token());
        assertEquals(404, notTheirs.status(), notTheirs::toString);
        assertEquals("not_found", notTheirs.code(), "claims answers in the tracker's error vocabulary");
        assertEquals(
                404,
                tracker.get("/api/v1/claims/" + claimId + "/documents/settlement.pdf", other.token())
                        .status());
        assertEquals(
                404, tracker.get("/api/v1/policies/" + policyId, other.token()).status());
        Response otherOpens = tracker.post(
                "/api/v1/claims",
                other.token(),
                new JsonObject().put("type", "theft").put("theftCaseId", caseId));
        assertTrue(otherOpens.status() == 403 || otherOpens.status() == 404, otherOpens::toString);

        // Staff roles stay in their lanes; no token is the tracker's 401.
        assertEquals(403, tracker.get("/api/v1/claims/" + claimId, police).status());
        assertEquals(
                403,
                tracker.post(
                                "/api/v1/policies",
                                adjuster,
                                new JsonObject().put("bikeId", bikeId).put("product", "liability"))
                        .status(),
                "an adjuster does not sell cover");
        Response anonymous = tracker.get("/api/v1/claims/" + claimId, null);
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals("unauthorized", anonymous.code(), "the tracker's authentication answers before claims");
        assertEquals(
                tracker.get("/api/v1/thefts/1", null).json(),
                anonymous.json(),
                "and says the same as on its own paths");
    }

    @Test
    void recoveryBeforePayoutClosesTheClaim() {
        RegistrySteps.Owner owner = steps.registerOwner("王五", null);
        long bikeId = steps.registerBike(owner, "E2E0002", today().minusMonths(6));
        JsonObject policy = steps.buyAntiTheft(owner, bikeId);
        long caseId = steps.reportAndConfirm(owner, bikeId, theftJustAfterPurchase(policy), "HY-2026-E2E-02");

        // The adjuster opens the claim on the owner's behalf from the confirmed case.
        Response opened = tracker.post(
                "/api/v1/claims",
                adjuster,
                new JsonObject().put("type", "theft").put("theftCaseId", caseId));
        assertEquals(201, opened.status(), opened::toString);
        long claimId = opened.json().getLong("id");
        JsonObject view = steps.claim(claimId, adjuster);
        assertEquals(120_000, view.getLong("payoutFen"), "under a year old: the 1,200-yuan bracket");
        assertTrue(codes(view.getJsonArray("signals")).contains("silent-before-theft"), view::encode);
        assertEquals(
                200,
                tracker.post(
                                "/api/v1/claims/" + claimId + "/papers",
                                adjuster,
                                new JsonObject()
                                        .put(
                                                "received",
                                                new JsonArray()
                                                        .add("police-receipt")
                                                        .add("invoice")
                                                        .add("id-card")
                                                        .add("registration")))
                        .status());

        // The police find the bike before the payout.
        Response recovered =
                tracker.post("/api/v1/thefts/" + caseId + "/recover", police, new JsonObject().put("note", "在华新开发区找到"));
        assertEquals(200, recovered.status(), recovered::toString);
        String recoveredAt =
                tracker.get("/api/v1/thefts/" + caseId, adjuster).json().getString("recoveredAt");
        assertNotNull(recoveredAt);

        Response refused = tracker.post(
                "/api/v1/claims/" + claimId + "/decision",
                adjuster,
                new JsonObject().put("decision", "approve").put("reason", "材料齐全"));
        assertEquals(409, refused.status(), refused::toString);
        assertTrue(
                refused.json().getJsonObject("details").getJsonArray("unmet").contains("bike-recovered"),
                refused::toString);

        Response closed = tracker.post("/api/v1/claims/" + claimId + "/recovery", police, null);
        assertEquals(200, closed.status(), closed::toString);
        assertEquals("closed", closed.json().getString("status"));
        JsonObject after = steps.claim(claimId, owner.token());
        assertEquals("closed", after.getString("status"));
        assertEquals("before-payment", after.getString("recovery"));
        assertEquals(recoveredAt, after.getString("recoveredAt"), "the recovery time the police recorded");
        assertEquals(
                409,
                tracker.post("/api/v1/claims/" + claimId + "/payment", adjuster, null)
                        .status());
        assertFalse(
                tracker.get("/api/v1/claims/queue", adjuster).json().getJsonArray("claims").stream()
                        .anyMatch(c -> ((JsonObject) c).getLong("id") == claimId),
                "a closed claim leaves the queue");
    }

    @Test
    void adjusterConsoleAndDeadlineCalculatorAreServedOnTheTrackersPort() {
        Response console = tracker.get("/claims/", null);
        assertEquals(200, console.status(), console::toString);
        assertTrue(console.contentType().startsWith("text/html"), console.contentType());
        Response owners = tracker.get("/claims/owner.html", null);
        assertEquals(200, owners.status(), owners::toString);

        Response due = tracker.get("/api/v1/calendar/working-days?from=2026-09-18&days=15", adjuster);
        assertEquals(200, due.status(), due::toString);
        assertEquals(new JsonObject().put("date", "2026-10-15").put("provisional", false), due.json());
        assertEquals(
                401,
                tracker.get("/api/v1/calendar/working-days?from=2026-09-18&days=15", null)
                        .status());
        Response policeConsole = tracker.get("/police/", null);
        assertEquals(200, policeConsole.status(), () -> "the tracker's own pages still answer: " + policeConsole);
    }

    /** ISO-8601 UTC with milliseconds, as the API prints instants. */
    private static String utcMillis(Instant i) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneId.of("UTC"))
                .format(i);
    }
}
