package org.bikeguard.tracker.owner;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * The electronic certificate's QR code as SVG (ZXing's encoder; error correction M, a 4-module
 * quiet zone), one {@code path} of horizontal runs of dark modules, so the file stays small (about
 * 5 KB for a certificate URL). Stateless; thread-safe.
 */
public final class CertificateQr {

    /**
     * The public page a scanned certificate opens, relative to the tracker's address; the
     * certificate code follows as the {@code code} query parameter.
     */
    public static final String PAGE_PATH = "/public/certificate.html?code=";

    private CertificateQr() {}

    /** The certificate page's absolute URL under {@code origin} (e.g. {@code https://bikeguard.example}). */
    public static String url(String origin, String certificateCode) {
        return origin + PAGE_PATH + certificateCode;
    }

    /** The SVG document of a QR code of {@code text}. */
    public static String svg(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
        StringBuilder p = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < m.getWidth() && m.get(x + run, y)) {
                    run++;
                }
                p.append('M')
                        .append(x)
                        .append(' ')
                        .append(y)
                        .append('h')
                        .append(run)
                        .append("v1h-")
                        .append(run)
                        .append('z');
                x += run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + p + "\"/></svg>";
    }
}
