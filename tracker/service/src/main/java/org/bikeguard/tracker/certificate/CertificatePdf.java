package org.bikeguard.tracker.certificate;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignImage;
import net.sf.jasperreports.engine.design.JRDesignParameter;
import net.sf.jasperreports.engine.design.JRDesignStyle;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.type.HorizontalTextAlignEnum;
import net.sf.jasperreports.engine.type.ScaleImageEnum;
import net.sf.jasperreports.engine.type.WhenNoDataTypeEnum;

/**
 * Renders a bike's registration certificate as a one-page A4 PDF with JasperReports 7: the title
 * in Chinese and English, label/value rows, and the QR code of the certificate's public address
 * ({@link QrCodes}) with that address printed under it. Text uses the bundled font
 * set {@value #FONT} (DejaVu Sans for Latin, Droid Sans Fallback for Han, resource
 * {@code fonts/certificate/}), so Chinese renders
 * without system fonts. The report design is built in code and compiled once, at construction
 * (about a second). Blocking and CPU-heavy: call on a worker, never an event loop. Thread-safe.
 */
public final class CertificatePdf {

    /** The bundled font set. */
    public static final String FONT = "BikeGuard Certificate Sans";

    /** Rows printed, label and value; at most {@value #ROWS}. */
    public record Row(String label, String value) {}

    static final int ROWS = 10;
    private static final int WIDTH = 515;
    private static final int QR_SIZE = 170;

    private final JasperReport report;

    public CertificatePdf() {
        try {
            this.report = JasperCompileManager.compileReport(design());
        } catch (JRException e) {
            throw new IllegalStateException("certificate design does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * The PDF.
     *
     * @param rows   label/value rows, at most {@value #ROWS}
     * @param qrText what the QR code carries (the certificate's public address), also printed
     * @param footer a line at the bottom (where and when it was printed)
     */
    public byte[] render(String title, String subtitle, List<Row> rows, String qrText, String footer) {
        if (rows.size() > ROWS) {
            throw new IllegalArgumentException("at most " + ROWS + " rows");
        }
        BufferedImage qr = QrCodes.image(qrText);
        Map<String, Object> p = new HashMap<>();
        p.put("title", title);
        p.put("subtitle", subtitle);
        p.put("qr", qr);
        p.put("qrText", qrText);
        p.put("footer", footer);
        for (int i = 0; i < ROWS; i++) {
            p.put("l" + i, i < rows.size() ? rows.get(i).label() : "");
            p.put("v" + i, i < rows.size() ? rows.get(i).value() : "");
        }
        try {
            return JasperExportManager.exportReportToPdf(
                    JasperFillManager.fillReport(report, p, new JREmptyDataSource(1)));
        } catch (JRException e) {
            throw new IllegalStateException("certificate rendering failed: " + e.getMessage(), e);
        }
    }

    private static JasperDesign design() throws JRException {
        JasperDesign d = new JasperDesign();
        d.setName("bikeguard-certificate");
        d.setLanguage("java");
        d.setPageWidth(595);
        d.setPageHeight(842);
        d.setLeftMargin(40);
        d.setRightMargin(40);
        d.setTopMargin(50);
        d.setBottomMargin(40);
        d.setColumnWidth(WIDTH);
        d.setWhenNoDataType(WhenNoDataTypeEnum.ALL_SECTIONS_NO_DETAIL);
        JRDesignStyle style = new JRDesignStyle();
        style.setName("base");
        style.setDefault(true);
        style.setFontName(FONT);
        style.setFontSize(11f);
        d.addStyle(style);
        for (String name : new String[] {"title", "subtitle", "qrText", "footer"}) {
            d.addParameter(parameter(name, String.class));
        }
        for (int i = 0; i < ROWS; i++) {
            d.addParameter(parameter("l" + i, String.class));
            d.addParameter(parameter("v" + i, String.class));
        }
        d.addParameter(parameter("qr", java.awt.Image.class));
        JRDesignBand title = new JRDesignBand();
        title.setHeight(700);
        title.addElement(text("$P{title}", 0, 0, WIDTH, 30, 20f, true, HorizontalTextAlignEnum.CENTER));
        title.addElement(text("$P{subtitle}", 0, 34, WIDTH, 18, 11f, false, HorizontalTextAlignEnum.CENTER));
        int rowsWidth = WIDTH - QR_SIZE - 20;
        for (int i = 0; i < ROWS; i++) {
            int y = 80 + i * 26;
            title.addElement(text("$P{l" + i + "}", 0, y, 110, 22, 11f, true, HorizontalTextAlignEnum.LEFT));
            title.addElement(
                    text("$P{v" + i + "}", 115, y, rowsWidth - 115, 22, 11f, false, HorizontalTextAlignEnum.LEFT));
        }
        JRDesignImage qr = new JRDesignImage(d);
        qr.setX(WIDTH - QR_SIZE);
        qr.setY(80);
        qr.setWidth(QR_SIZE);
        qr.setHeight(QR_SIZE);
        qr.setScaleImage(ScaleImageEnum.RETAIN_SHAPE);
        qr.setExpression(new JRDesignExpression("$P{qr}"));
        title.addElement(qr);
        title.addElement(text(
                "$P{qrText}",
                WIDTH - QR_SIZE - 20,
                80 + QR_SIZE + 4,
                QR_SIZE + 20,
                30,
                8f,
                false,
                HorizontalTextAlignEnum.CENTER));
        title.addElement(
                text("$P{footer}", 0, 80 + ROWS * 26 + 30, WIDTH, 40, 9f, false, HorizontalTextAlignEnum.LEFT));
        d.setTitle(title);
        return d;
    }

    private static JRDesignParameter parameter(String name, Class<?> type) {
        JRDesignParameter p = new JRDesignParameter();
        p.setName(name);
        p.setValueClass(type);
        return p;
    }

    private static JRDesignTextField text(
            String expression, int x, int y, int w, int h, float size, boolean bold, HorizontalTextAlignEnum align) {
        JRDesignTextField t = new JRDesignTextField();
        t.setX(x);
        t.setY(y);
        t.setWidth(w);
        t.setHeight(h);
        t.setExpression(new JRDesignExpression(expression));
        t.setFontSize(size);
        t.setBold(bold);
        t.setHorizontalTextAlign(align);
        t.setBlankWhenNull(true);
        return t;
    }
}
