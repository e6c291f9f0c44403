package org.bikeguard.claims.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignField;
import net.sf.jasperreports.engine.design.JRDesignParameter;
import net.sf.jasperreports.engine.design.JRDesignSection;
import net.sf.jasperreports.engine.design.JRDesignStyle;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.type.HorizontalTextAlignEnum;
import net.sf.jasperreports.engine.type.TextAdjustEnum;
import net.sf.jasperreports.engine.type.WhenNoDataTypeEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the claims documents as PDF with JasperReports 7. Two layouts, built as JasperDesigns in
 * code and compiled once: a <em>document</em> (title, subtitle, label/value rows, a body
 * paragraph, a footer with signature lines) and a <em>table</em> (title, subtitle, column
 * headers, rows, a totals line). Every text uses the bundled font set {@value #FONT} (DejaVu Sans
 * for Latin, Droid Sans Fallback for Han), so Chinese renders with no system fonts. Blocking and
 * CPU-heavy: call on the render worker executor, never an event loop. Thread-safe (compiled
 * reports are cached and shared read-only).
 */
public final class PdfRenderer {

    /** The font set of the bundled font extension. */
    public static final String FONT = "BikeGuard Sans";

    private static final Logger LOG = LoggerFactory.getLogger(PdfRenderer.class);
    private static final int WIDTH = 515;

    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    /** A label/value document such as a settlement notice or a rights-transfer letter. */
    public byte[] document(String title, String subtitle, List<String[]> rows, String body, String footer) {
        JasperReport report = compiled.computeIfAbsent("document", k -> compile(documentDesign()));
        List<Map<String, ?>> data = new ArrayList<>();
        for (String[] r : rows) {
            data.add(Map.of("c0", r[0], "c1", r[1] == null ? "" : r[1]));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("title", title);
        params.put("subtitle", subtitle);
        params.put("body", body == null ? "" : body);
        params.put("footer", footer == null ? "" : footer);
        return fill(report, params, data);
    }

    /** A table: {@code widths} in points (summing to at most 515), one string per cell. */
    public byte[] table(
            String title, String subtitle, String[] headers, int[] widths, List<String[]> rows, String totals) {
        String key = "table:" + java.util.Arrays.toString(widths);
        JasperReport report = compiled.computeIfAbsent(key, k -> compile(tableDesign(widths)));
        List<Map<String, ?>> data = new ArrayList<>();
        for (String[] r : rows) {
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < widths.length; i++) {
                m.put("c" + i, i < r.length && r[i] != null ? r[i] : "");
            }
            data.add(m);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("title", title);
        params.put("subtitle", subtitle);
        params.put("totals", totals == null ? "" : totals);
        for (int i = 0; i < widths.length; i++) {
            params.put("h" + i, headers[i]);
        }
        return fill(report, params, data);
    }

    private static byte[] fill(JasperReport report, Map<String, Object> params, List<Map<String, ?>> data) {
        try {
            JasperPrint print = JasperFillManager.fillReport(report, params, new JRMapCollectionDataSource(data));
            return JasperExportManager.exportReportToPdf(print);
        } catch (JRException e) {
            throw new IllegalStateException("PDF rendering failed: " + e.getMessage(), e);
        }
    }

    private static JasperReport compile(JasperDesign d) {
        try {
            long t0 = System.nanoTime();
            JasperReport r = JasperCompileManager.compileReport(d);
            LOG.info("report compiled [name: {}, ms: {}]", d.getName(), (System.nanoTime() - t0) / 1_000_000);
            return r;
        } catch (JRException e) {
            throw new IllegalStateException("report design does not compile: " + e.getMessage(), e);
        }
    }

    private static JasperDesign base(String name, String... params) {
        JasperDesign d = new JasperDesign();
        d.setName(name);
        d.setLanguage("java");
        d.setPageWidth(595);
        d.setPageHeight(842);
        d.setLeftMargin(40);
        d.setRightMargin(40);
        d.setTopMargin(40);
        d.setBottomMargin(40);
        d.setColumnWidth(WIDTH);
        d.setWhenNoDataType(WhenNoDataTypeEnum.ALL_SECTIONS_NO_DETAIL);
        JRDesignStyle style = new JRDesignStyle();
        style.setName("base");
        style.setDefault(true);
        style.setFontName(FONT);
        style.setFontSize(10f);
        try {
            d.addStyle(style);
            for (String p : params) {
                JRDesignParameter jp = new JRDesignParameter();
                jp.setName(p);
                jp.setValueClass(String.class);
                d.addParameter(jp);
            }
        } catch (JRException e) {
            throw new IllegalStateException(e);
        }
        return d;
    }

    private static void fields(JasperDesign d, int n) {
        try {
            for (int i = 0; i < n; i++) {
                JRDesignField f = new JRDesignField();
                f.setName("c" + i);
                f.setValueClass(String.class);
                d.addField(f);
            }
        } catch (JRException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JRDesignBand titleBand() {
        JRDesignBand title = new JRDesignBand();
        title.setHeight(60);
        title.addElement(text("$P{title}", 0, 0, WIDTH, 26, 16f, true, HorizontalTextAlignEnum.CENTER));
        title.addElement(text("$P{subtitle}", 0, 30, WIDTH, 20, 10f, false, HorizontalTextAlignEnum.CENTER));
        return title;
    }

    private static JasperDesign documentDesign() {
        JasperDesign d = base("bikeguard-document", "title", "subtitle", "body", "footer");
        fields(d, 2);
        d.setTitle(titleBand());
        JRDesignBand row = new JRDesignBand();
        row.setHeight(20);
        row.addElement(text("$F{c0}", 0, 2, 150, 16, 10f, true, HorizontalTextAlignEnum.LEFT));
        row.addElement(text("$F{c1}", 155, 2, WIDTH - 155, 16, 10f, false, HorizontalTextAlignEnum.LEFT));
        ((JRDesignSection) d.getDetailSection()).addBand(row);
        JRDesignBand summary = new JRDesignBand();
        summary.setHeight(120);
        summary.addElement(text("$P{body}", 0, 14, WIDTH, 40, 10f, false, HorizontalTextAlignEnum.LEFT));
        summary.addElement(text("$P{footer}", 0, 70, WIDTH, 40, 10f, false, HorizontalTextAlignEnum.LEFT));
        d.setSummary(summary);
        return d;
    }

    private static JasperDesign tableDesign(int[] widths) {
        String[] params = new String[widths.length + 3];
        params[0] = "title";
        params[1] = "subtitle";
        params[2] = "totals";
        for (int i = 0; i < widths.length; i++) {
            params[i + 3] = "h" + i;
        }
        JasperDesign d = base("bikeguard-table-" + widths.length, params);
        fields(d, widths.length);
        d.setTitle(titleBand());
        JRDesignBand header = new JRDesignBand();
        header.setHeight(22);
        JRDesignBand row = new JRDesignBand();
        row.setHeight(16);
        int x = 0;
        for (int i = 0; i < widths.length; i++) {
            header.addElement(text("$P{h" + i + "}", x, 2, widths[i] - 2, 18, 9f, true, HorizontalTextAlignEnum.LEFT));
            row.addElement(text("$F{c" + i + "}", x, 1, widths[i] - 2, 14, 9f, false, HorizontalTextAlignEnum.LEFT));
            x += widths[i];
        }
        d.setColumnHeader(header);
        ((JRDesignSection) d.getDetailSection()).addBand(row);
        JRDesignBand summary = new JRDesignBand();
        summary.setHeight(40);
        summary.addElement(text("$P{totals}", 0, 10, WIDTH, 24, 10f, true, HorizontalTextAlignEnum.LEFT));
        d.setSummary(summary);
        return d;
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
        t.setTextAdjust(TextAdjustEnum.STRETCH_HEIGHT);
        t.setBlankWhenNull(true);
        return t;
    }
}
