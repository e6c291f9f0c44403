package org.bikeguard.tracker.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void theImageDecodesToTheTextWithAQuietZoneOfFourModules() throws Exception {
        String url = "https://bike.example.cn/c/7QK2M9XW4HCA";
        BufferedImage img = QrCodes.image(url);
        int w = img.getWidth();
        int h = img.getHeight();
        assertEquals(w, h);
        assertEquals(0, w % QrCodes.MODULE_PX);
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < 4 * QrCodes.MODULE_PX; i++) {
            assertEquals(0xFFFFFFFF, px[i * w + i], "the quiet zone is white");
        }
        String text = new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, px))))
                .getText();
        assertEquals(url, text);
    }
}
