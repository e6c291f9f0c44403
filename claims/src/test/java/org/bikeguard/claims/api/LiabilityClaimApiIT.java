package org.bikeguard.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.bikeguard.claims.testsupport.ClaimsHarness;
import org.bikeguard.claims.testsupport.ClaimsHarness.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liability: first notice with a photo, assessment with the limits, on-the-spot settlement, payment. */
class LiabilityClaimApiIT {

    private static ClaimsHarness h;

    @BeforeAll
    static void start() {
        h = ClaimsHarness.start();
        h.tracker.owner("o1", "13700000001", "430***1", null);
        h.tracker.bike("b1", "o1", "2025-03-01", "L1");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void liabilityClaimIsAssessedWithinTheLimitsSettledOnTheSpotAndPaid() {
        h.clock.setDate("2026-06-01");
        Resp p = h.post(
                "/api/v1/policies",
                "13700000001",
                "owner",
                new JsonObject().put("bikeId", "b1").put("product", "liability"));
        assertEquals(201, p.status(), () -> p.raw().toString());
        assertEquals(14_500, p.json().getLong("premiumFen"));
        assertEquals("2029-05-31", p.json().getString("end"));
        h.clock.setDate("2026-07-15");
        Resp open = h.post(
                "/api/v1/claims",
                "13700000001",
                "owner",
                new JsonObject()
                        .put("type", "liability")
                        .put("policyId", p.json().getLong("id"))
                        .put("occurredAt", "2026-07-15T09:30:00+08:00")
                        .put("place", "解放大道与蒸湘路口")
                        .put("damage", "行人受伤，电动车刮擦轿车")
                        .put(
                                "parties",
                                new JsonArray()
                                        .add(new JsonObject().put("name", "张三").put("role", "pedestrian"))));
        assertEquals(201, open.status(), () -> open.raw().toString());
        long id = open.json().getLong("id");
        Resp photo = h.post("/api/v1/claims/" + id + "/attachments?name=scene.jpg", "13700000001", "owner", new byte[] {
            (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 3
        });
        assertEquals(201, photo.status(), () -> photo.raw().toString());

        Resp a = h.post(
                "/api/v1/claims/" + id + "/assessment",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put(
                                "items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("head", "medical")
                                                .put("person", "张三")
                                                .put("assessedFen", 1_200_000))
                                        .add(new JsonObject()
                                                .put("head", "property")
                                                .put("assessedFen", 650_000))));
        assertEquals(200, a.status(), () -> a.raw().toString());
        JsonObject assessment = a.json().getJsonObject("assessment");
        assertEquals(1_500_000, assessment.getLong("totalPayableFen"));
        assertEquals(
                "per-person", assessment.getJsonArray("lines").getJsonObject(0).getString("limitedBy"));
        assertEquals(1_500_000, a.json().getLong("payoutFen"));

        assertEquals(
                409,
                h.post("/api/v1/claims/" + id + "/payment", "adj1", "adjuster", null)
                        .status());
        Resp s = h.post(
                "/api/v1/claims/" + id + "/settlement",
                "adj1",
                "adjuster",
                new JsonObject().put("onTheSpot", true).put("place", "事故现场").put("agreedWith", "张三"));
        assertEquals(200, s.status());
        assertEquals(true, s.json().getJsonObject("settlement").getBoolean("onTheSpot"));
        // 15,000 yuan is above the four-eyes amount: a second adjuster approves before payment
        Resp waiting = h.post("/api/v1/claims/" + id + "/payment", "adj1", "adjuster", null);
        assertEquals(409, waiting.status(), () -> waiting.raw().toString());
        assertEquals(
                "second-approval-needed",
                waiting.json().getJsonObject("details").getString("reason"));
        assertEquals(
                200,
                h.post(
                                "/api/v1/claims/" + id + "/second-approval",
                                "adj2",
                                "adjuster",
                                new JsonObject().put("reason", "checked"))
                        .status());
        Resp paid = h.post(
                "/api/v1/claims/" + id + "/payment", "adj1", "adjuster", new JsonObject().put("reference", "T-9"));
        assertEquals(201, paid.status());
        JsonObject c = h.get("/api/v1/claims/" + id, "13700000001", "owner").json();
        assertEquals("paid", c.getString("status"));
        assertEquals(1, c.getJsonArray("attachments").size());
        Resp img = h.get("/api/v1/claims/" + id + "/attachments/" + photo.json().getLong("id"), "adj1", "adjuster");
        assertEquals("image/jpeg", img.contentType());
        assertEquals(5, img.raw().length());
    }

    @Test
    void accidentBeforeTheCoverStartedIsRefused() {
        h.tracker.owner("o2", "13700000002", "430***2", null);
        h.tracker.bike("b2", "o2", "2025-03-01", "L2");
        h.clock.setDate("2026-06-01");
        long pid = h.post(
                        "/api/v1/policies",
                        "inst",
                        "installer",
                        new JsonObject()
                                .put("bikeId", "b2")
                                .put("product", "liability")
                                .put("start", "2026-06-05"))
                .json()
                .getLong("id");
        h.clock.setDate("2026-06-10");
        Resp r = h.post(
                "/api/v1/claims",
                "adj1",
                "adjuster",
                new JsonObject()
                        .put("type", "liability")
                        .put("policyId", pid)
                        .put("occurredAt", "2026-06-03T10:00:00Z")
                        .put("place", "x"));
        assertEquals(409, r.status());
    }

    /**
     * Attachments are served as downloads with the type the server sniffed: an HTML page uploaded
     * as scene.jpg with {@code Content-Type: image/jpeg} comes back as application/octet-stream.
     */
    @Test
    void attachmentsAreDownloadsWithTheSniffedTypeNeverTheUploadersOne() {
        h.tracker.owner("o9", "13700000009", "430***9", null);
        h.tracker.bike("b9", "o9", "2025-03-01", "L9");
        h.clock.setDate("2026-06-01");
        long policy = h.post(
                        "/api/v1/policies",
                        "13700000009",
                        "owner",
                        new JsonObject().put("bikeId", "b9").put("product", "liability"))
                .json()
                .getLong("id");
        h.clock.setDate("2026-07-15");
        long id = h.post(
                        "/api/v1/claims",
                        "13700000009",
                        "owner",
                        new JsonObject()
                                .put("type", "liability")
                                .put("policyId", policy)
                                .put("occurredAt", "2026-07-15T09:30:00+08:00")
                                .put("place", "路口"))
                .json()
                .getLong("id");
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        // the harness declares every byte body as image/jpeg
        Resp up =
                h.post("/api/v1/claims/" + id + "/attachments?name=" + enc("现场 <1>.jpg"), "13700000009", "owner", html);
        assertEquals(201, up.status(), () -> up.raw().toString());
        assertEquals("application/octet-stream", up.json().getString("contentType"));
        Resp down = h.get("/api/v1/claims/" + id + "/attachments/" + up.json().getLong("id"), "adj1", "adjuster");
        assertEquals(200, down.status());
        assertEquals("application/octet-stream", down.contentType());
        assertEquals("nosniff", down.headers().get("X-Content-Type-Options"));
        assertEquals(
                "attachment; filename=\"____1_.jpg\"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%3C1%3E.jpg",
                down.headers().get("Content-Disposition"));
        assertEquals(html.length, down.raw().length());

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
        Resp pic = h.post("/api/v1/claims/" + id + "/attachments?name=a.png", "13700000009", "owner", png);
        Resp pdf = h.post(
                "/api/v1/claims/" + id + "/attachments?name=a.pdf",
                "13700000009",
                "owner",
                "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        Resp png2 = h.get("/api/v1/claims/" + id + "/attachments/" + pic.json().getLong("id"), "adj1", "adjuster");
        assertEquals("image/png", png2.contentType());
        assertTrue(png2.headers().get("Content-Disposition").startsWith("attachment;"));
        assertEquals(
                "application/pdf",
                h.get("/api/v1/claims/" + id + "/attachments/" + pdf.json().getLong("id"), "adj1", "adjuster")
                        .contentType());
        JsonArray listed =
                h.get("/api/v1/claims/" + id, "adj1", "adjuster").json().getJsonArray("attachments");
        assertEquals("application/octet-stream", listed.getJsonObject(0).getString("contentType"));
        assertEquals("image/png", listed.getJsonObject(1).getString("contentType"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
