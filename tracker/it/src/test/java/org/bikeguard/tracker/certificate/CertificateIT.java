package org.bikeguard.tracker.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bikeguard.testkit.HttpTestClient.Response;
import org.bikeguard.testkit.RegistryFixtures.TestOwner;
import org.bikeguard.testkit.TrackerKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The printed certificate and the public side of a QR code against a whole tracker: the PDF's
 * QR code, decoded from the image in the PDF, carries {@code <tracker>/c/<code>}, which opens the
 * HTML page while the API address keeps its JSON (a browser is sent on with 303); the public
 * answer masks the owner; "I found this bike" is rate-limited per address and lands in the
 * police's list with the bike's open case; a buyer's check of a stolen plate says stolen.
 */
@Timeout(180)
class CertificateIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static TrackerKit tracker;
    private static String installer;
    private static String police;

    @BeforeAll
    static void start() {
        tracker = TrackerKit.start();
        installer = tracker.userToken("counter-1", "installer");
        police = tracker.userToken("officer-found", "police");
        assertEquals(
                201,
                tracker.put(
                                "/api/v1/installation-points/IP-07",
                                tracker.adminToken(),
                                new JsonObject()
                                        .put("name", "蒸湘区安装点")
                                        .put("address", "解放大道 7 号")
                                        .put("dailyCapacity", 20))
                        .status());
    }

    @AfterAll
    static void stop() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void thePrintedCertificatesQrCodeOpensTheCertificatePageAndTheApiKeepsItsJson() throws Exception {
        TestOwner o = tracker.owner(installer, "欧阳娜娜");
        JsonObject body = org.bikeguard.testkit.RegistryFixtures.bikeBody(o.id(), "C0FFEE01")
                .put("installationPoint", "IP-07");
        Response reg = tracker.post("/api/v1/bikes", installer, body);
        assertEquals(201, reg.status(), reg.body());
        JsonObject bike = tracker.get("/api/v1/bikes/" + reg.json().getLong("id"), installer)
                .json();
        String code = bike.getString("certificateCode");

        Response pdf = tracker.get("/api/v1/bikes/" + bike.getLong("id") + "/certificate.pdf", installer);
        assertEquals(200, pdf.status(), pdf.body());
        assertEquals("application/pdf", pdf.contentType());
        assertTrue(pdf.raw().length < 2_000_000, "a certificate is small: " + pdf.raw().length + " bytes");
        String qr;
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.raw())) {
            assertEquals(1, doc.getNumberOfPages());
            text = new PDFTextStripper().getText(doc);
            qr = decodeQr(doc.getPage(0));
        }
        String expected = tracker.baseUrl() + "/c/" + code;
        assertEquals(expected, qr, "the QR code carries the certificate page's address");
        assertTrue(text.contains("电动自行车防盗登记证书"), text);
        assertTrue(text.contains(bike.getString("plate")), text);
        assertTrue(text.contains("欧阳娜娜"), "the printed certificate names its owner: " + text);
        assertTrue(text.contains("蒸湘区安装点"), text);
        assertTrue(text.contains(expected), "the address is printed under the code: " + text);

        // a phone's browser opening the QR's address gets the page
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(qr))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("/public/certificate.js"), page.body());
        // the API address: JSON for API clients, the page for a browser
        String api = tracker.baseUrl() + "/api/v1/public/certificates/" + code.toLowerCase();
        HttpResponse<String> browser = HTTP.send(
                HttpRequest.newBuilder(URI.create(api))
                        .header("Accept", "text/html,*/*;q=0.8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, browser.statusCode());
        assertEquals(
                "/c/" + code.toLowerCase(),
                browser.headers().firstValue("Location").orElseThrow());
        JsonObject pub =
                tracker.get("/api/v1/public/certificates/" + code, null).json();
        assertEquals(
                new JsonObject()
                        .put("code", code)
                        .put("plate", bike.getString("plate"))
                        .put("status", "registered")
                        .put("brand", "Yadea")
                        .put("colour", "white")
                        .put(
                                "registeredOn",
                                LocalDate.ofInstant(tracker.clock().instant(), ZoneId.of("Asia/Shanghai"))
                                        .toString())
                        .put("owner", "欧***"),
                pub,
                "the public view: the owner masked, nothing personal");

        assertEquals(
                403,
                tracker.get("/api/v1/bikes/" + bike.getLong("id") + "/certificate.pdf", police)
                        .status());
        assertEquals(
                401,
                tracker.get("/api/v1/bikes/" + bike.getLong("id") + "/certificate.pdf", null)
                        .status());
        assertEquals(
                404,
                tracker.get("/api/v1/bikes/999999/certificate.pdf", installer).status());
        assertEquals(
                java.util.List.of("certificate.print counter-1"),
                auditRows("bike:" + bike.getLong("id"), "certificate.%"),
                "printing (it shows the owner's name) is audited");
    }

    private static java.util.List<String> auditRows(String subject, String actionLike) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var c = tracker.database().dataSource().getConnection();
                var st = c.prepareStatement(
                        "SELECT action, username FROM audit_log WHERE subject = ? AND action LIKE ? ORDER BY seq")) {
            st.setString(1, subject);
            st.setString(2, actionLike);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    @Test
    void aFoundReportOnAStolenBikeReachesThePoliceWithItsCaseAndTheFourthFromOneAddressIs429() throws Exception {
        TestOwner o = tracker.owner(installer, "李四");
        long bikeId = tracker.bike(installer, o.id(), "F0FD01");
        JsonObject bike = tracker.get("/api/v1/bikes/" + bikeId, installer).json();
        String code = bike.getString("certificateCode");
        String plate = bike.getString("plate");
        assertEquals(false, stolen(plate), "registered, no case: not stolen");
        Response theft = tracker.post(
                "/api/v1/thefts",
                o.token(),
                new JsonObject()
                        .put("bikeId", bikeId)
                        .put(
                                "stolenAt",
                                tracker.clock().instant().minusSeconds(3600).toString())
                        .put("place", "解放路口")
                        .put("description", "white Yadea"));
        assertEquals(201, theft.status(), theft.body());
        long caseId = theft.json().getLong("id");
        assertEquals(true, stolen(plate), "a buyer's check of the stolen plate says stolen");
        assertEquals(true, stolen(plate.replace("·", "")), "in any spelling of the plate");
        assertEquals(
                "stolen",
                tracker.get("/api/v1/public/certificates/" + code, null).json().getString("status"));

        String path = "/api/v1/public/certificates/" + code + "/found";
        assertEquals(
                400,
                tracker.post(path, null, new JsonObject().put("note", "no place"))
                        .status());
        Response first = tracker.post(
                path,
                null,
                new JsonObject()
                        .put("lon", 112.5721)
                        .put("lat", 26.8934)
                        .put("accuracyM", 12.5)
                        .put("note", "锁在树下"));
        assertEquals(201, first.status(), first.body());
        assertEquals(true, first.json().getBoolean("received"));
        assertNull(first.json().getValue("plate"), "the finder learns nothing more");
        assertEquals(
                201,
                tracker.post(path, null, new JsonObject().put("place", "蒸湘路 12 号门口"))
                        .status());
        assertEquals(
                201,
                tracker.post(path, null, new JsonObject().put("place", "again")).status());
        Response limited = tracker.post(path, null, new JsonObject().put("place", "and again"));
        assertEquals(429, limited.status(), limited.body());
        assertEquals("rate_limited", limited.code());
        assertEquals(
                "found-report.address", limited.json().getJsonObject("details").getString("limit"));

        assertEquals(403, tracker.get("/api/v1/found-reports", installer).status());
        assertEquals(403, tracker.get("/api/v1/found-reports", o.token()).status());
        JsonArray list = tracker.get("/api/v1/found-reports?open=true", police).array();
        assertEquals(3, list.size(), list.encodePrettily());
        JsonObject geo = list.getJsonObject(2);
        assertEquals(bikeId, geo.getLong("bikeId"));
        assertEquals(plate, geo.getString("plate"));
        assertEquals("stolen", geo.getString("bikeStatus"));
        assertEquals(caseId, geo.getLong("caseId"));
        assertEquals(112.5721, geo.getDouble("lon"));
        assertEquals(26.8934, geo.getDouble("lat"));
        assertEquals("锁在树下", geo.getString("note"));
        assertEquals("蒸湘路 12 号门口", list.getJsonObject(1).getString("place"));
        assertNull(list.getJsonObject(1).getValue("lon"));

        assertEquals(
                java.util.List.of("found.report anonymous", "found.report anonymous", "found.report anonymous"),
                auditRows("bike:" + bikeId, "found.%"),
                "each report is audited (with the client address)");

        Response handled = tracker.post("/api/v1/found-reports/" + geo.getLong("id") + "/handled", police, null);
        assertEquals(200, handled.status(), handled.body());
        assertEquals("officer-found", handled.json().getString("handledBy"));
        assertEquals(
                2,
                tracker.get("/api/v1/found-reports?open=true", police).array().size());
        assertEquals(3, tracker.get("/api/v1/found-reports", police).array().size());
        assertEquals(
                404,
                tracker.post("/api/v1/found-reports/99999/handled", police, null)
                        .status());
    }

    private static boolean stolen(String plate) {
        Response r = tracker.get(
                "/api/v1/public/stolen-check?plate="
                        + java.net.URLEncoder.encode(plate, java.nio.charset.StandardCharsets.UTF_8),
                null);
        assertEquals(200, r.status(), r.body());
        return r.json().getBoolean("stolen");
    }

    /** Decodes the QR code of the one image on the page with ZXing. */
    private static String decodeQr(PDPage page) throws Exception {
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject img) {
                BufferedImage bi = img.getImage();
                int w = bi.getWidth();
                int h = bi.getHeight();
                int[] px = bi.getRGB(0, 0, w, h, null, 0, w);
                LuminanceSource src = new RGBLuminanceSource(w, h, px);
                return new QRCodeReader()
                        .decode(new BinaryBitmap(new HybridBinarizer(src)))
                        .getText();
            }
        }
        throw new AssertionError("no image on the certificate's page");
    }
}
