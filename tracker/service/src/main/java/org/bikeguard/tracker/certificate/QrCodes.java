package org.bikeguard.tracker.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;

/** QR codes as black-and-white images (ZXing's core). Stateless; thread-safe. */
public final class QrCodes {

    /** Pixels per QR module: crisp when printed at a few centimetres. */
    static final int MODULE_PX = 8;

    private QrCodes() {}

    /** The modules of the QR code of {@code text}: error correction M, UTF-8, a quiet zone of 4 modules. */
    private static BitMatrix matrix(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8",
                                    EncodeHintType.MARGIN,
                                    4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
        return m;
    }

    /** The QR code of {@code text} as an image, each module {@value #MODULE_PX} pixels square. */
    public static BufferedImage image(String text) {
        BitMatrix m = matrix(text);
        int w = m.getWidth() * MODULE_PX;
        int h = m.getHeight() * MODULE_PX;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, m.get(x / MODULE_PX, y / MODULE_PX) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return img;
    }

    /**
     * The QR code of {@code text} as a small SVG document for a page: one {@code path} of
     * horizontal runs of dark modules (about 5 KB for a certificate address), one unit per module.
     */
    public static String svg(String text) {
        BitMatrix m = matrix(text);
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
