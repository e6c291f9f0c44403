package org.bikeguard.tracker.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The certificate's QR code: the SVG the owner pages show decodes to the public page's URL. */
class QrSvgTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
    private static final int SCALE = 4;

    @Test
    void theSvgDecodesToTheCertificatePageUrl() throws Exception {
        String url = CertificateRoutes.publicAddress("https://bikeguard.example", "7QK2M9XW4HCA");
        assertEquals("https://bikeguard.example/c/7QK2M9XW4HCA", url);
        String svg = QrCodes.svg(url);
        assertTrue(svg.length() < 8_000, "small enough for a phone: " + svg.length() + " characters");
        assertEquals(url, decode(svg));
    }

    /** Draws the SVG's unit squares into pixels and reads them back with ZXing's decoder. */
    private static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), svg);
        int w = Integer.parseInt(box.group(1));
        int h = Integer.parseInt(box.group(2));
        int[] pixels = new int[w * SCALE * h * SCALE];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            int run = Integer.parseInt(m.group(3));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < run * SCALE; dx++) {
                    pixels[(y * SCALE + dy) * w * SCALE + x * SCALE + dx] = 0;
                }
            }
        }
        var source = new RGBLuminanceSource(w * SCALE, h * SCALE, pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }
}
