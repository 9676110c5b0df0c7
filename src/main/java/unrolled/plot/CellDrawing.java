package unrolled.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import unrolled.plot.CellSchematic.Element;
import unrolled.plot.CellSchematic.Stage;
import unrolled.plot.CellSchematic.Wire;

/**
 * Draws a {@link CellSchematic} with the real values of a {@link CellRun}. Each vector is a row of squares, one per
 * number, coloured by its value — blue (−1) … white (0) … orange (+1), gates white (0) … green (1) — with the
 * number written in it; a yellow tag on its left names the operation that made it (σ, tanh, ×, +).
 *
 * <p>A frame shows one time step after one stage: what earlier stages computed with its values, what this stage
 * computes framed in orange with the wires into it, later elements grey and empty; at the bottom, the stage's formula
 * and its numbers. {@link #frames} makes every frame of a run (stage by stage, step by step) for an
 * {@link Animation}; {@link #highlight} draws a whole step with the stage that computes one element — the gate under
 * discussion — highlighted. Same schematic and values give the same pixels.
 */
public final class CellDrawing {

    private static final int CW = Element.CELL_WIDTH, CH = Element.CELL_HEIGHT;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color HIGHLIGHT = new Color(0xE8590C), INK = new Color(0x222222), FAINT = new Color(0xC8C8C8);
    private static final Color GREY = new Color(0x555555), TAG = new Color(0xFFF3BF), BAND = new Color(0xF4F4F4);
    private static final int NOT_YET = 0, EARLIER = 1, NOW = 2;

    private CellDrawing() {}

    /** Blue (−1) … white (0) … orange (+1) for signed values; white (0) … green (1) for gates; clipped at ±1. */
    public static Color colour(double v, boolean gate) {
        double a = Math.min(1, Math.abs(v));
        Color end = gate ? new Color(0x1A9850) : v >= 0 ? new Color(0xE66101) : new Color(0x2C7BB6);
        return new Color((int) (255 + a * (end.getRed() - 255)), (int) (255 + a * (end.getGreen() - 255)),
                (int) (255 + a * (end.getBlue() - 255)));
    }

    /** Time step t (from 0) after stage {@code stage} (from 0): later stages grey and empty. */
    public static BufferedImage frame(CellSchematic p, CellRun run, int t, int stage) {
        Set<String> done = new HashSet<>();
        for (int s = 0; s <= stage; s++) {
            done.addAll(p.stages().get(s).computes());
        }
        return draw(p, run, t, stage, done);
    }

    /** Every frame of the run: for each time step, one frame per stage. */
    public static List<BufferedImage> frames(CellSchematic p, CellRun run) {
        List<BufferedImage> all = new ArrayList<>();
        for (int t = 0; t < run.steps(); t++) {
            for (int stage = 0; stage < p.stages().size(); stage++) {
                all.add(frame(p, run, t, stage));
            }
        }
        return all;
    }

    /** The whole time step t with every value, the stage that computes {@code element} highlighted. */
    public static BufferedImage highlight(CellSchematic p, CellRun run, int t, String element) {
        Set<String> all = new HashSet<>();
        p.elements().forEach(e -> all.add(e.name()));
        return draw(p, run, t, p.stageOf(element), all);
    }

    private static BufferedImage draw(CellSchematic p, CellRun run, int t, int stage, Set<String> done) {
        Map<String, double[]> values = run.values(t);
        Stage now = p.stages().get(stage);
        Set<String> current = new HashSet<>(now.computes());
        int w = p.width(), h = p.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = Canvas.white(image);
        for (Wire wire : p.wires()) {
            int state = current.contains(wire.to()) ? NOW : done.contains(wire.to()) ? EARLIER : NOT_YET;
            drawWire(g, p.element(wire.from()), p.element(wire.to()), wire.route(), state);
        }
        for (Element e : p.elements()) {
            int state = current.contains(e.name()) ? NOW : done.contains(e.name()) ? EARLIER : NOT_YET;
            drawElement(g, e, values.get(e.name()), state);
        }
        g.setColor(INK);
        g.setFont(TITLE);
        g.drawString(p.name() + " · time step t = " + (t + 1) + " of " + run.steps() + " · stage " + (stage + 1)
                + "/" + p.stages().size() + ": " + now.title(), 14, 24);
        g.setFont(SMALL);
        g.setColor(GREY);
        RichText.draw(g, p.note(), 14, 42);
        legend(g, w - 318, h - 80);
        g.setColor(BAND);
        g.fillRect(0, h - 58, w, 58);
        g.setColor(INK);
        g.setFont(LABEL);
        RichText.draw(g, now.formula(), 14, h - 36);
        for (int decimals = 3; decimals >= 1; decimals--) {              // as many decimals as fit in one line
            StringBuilder numbers = new StringBuilder();
            for (String n : now.computes()) {
                numbers.append(numbers.length() == 0 ? "" : "    ").append(p.element(n).label()).append(" = ")
                       .append(ValueFormat.vector(values.get(n), decimals));
            }
            if (decimals == 1 || RichText.width(LABEL, numbers.toString()) <= w - 28) {
                RichText.draw(g, numbers.toString(), 14, h - 14);
                break;
            }
        }
        g.dispose();
        return image;
    }

    private static int tagWidth(Element e) {
        return e.op() == null ? 0 : Math.max(22, RichText.width(LABEL, e.op()) + 10) + 6;
    }

    private static void drawElement(Graphics2D g, Element e, double[] values, int state) {
        if (values == null || values.length != e.size()) {
            throw new IllegalArgumentException("CellDrawing: element " + e.name() + " has " + e.size()
                    + " numbers in the schematic, the run has " + (values == null ? "none" : values.length));
        }
        g.setFont(LABEL);
        g.setColor(state == NOT_YET ? FAINT : INK);
        RichText.draw(g, e.label(), e.x() - RichText.width(LABEL, e.label()) / 2, e.top() - 6);
        for (int k = 0; k < e.size(); k++) {
            int x = e.left() + k * CW;
            if (state != NOT_YET) {
                g.setColor(colour(values[k], e.gate()));
                g.fillRect(x, e.top(), CW, CH);
                g.setColor(Math.abs(values[k]) > 0.65 ? Color.WHITE : INK);
                g.setFont(VALUE);
                String s = ValueFormat.number(values[k], 2);
                g.drawString(s, x + (CW - g.getFontMetrics().stringWidth(s)) / 2, e.top() + 16);
            }
            g.setColor(state == NOT_YET ? FAINT : INK);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x, e.top(), CW, CH);
        }
        if (state == NOW) {
            g.setColor(HIGHLIGHT);
            g.setStroke(new BasicStroke(3f));
            g.drawRect(e.left() - 3, e.top() - 3, e.size() * CW + 6, CH + 6);
        }
        if (e.op() != null) {
            int w = tagWidth(e) - 6, x = e.left() - w - 6;
            g.setColor(state == NOT_YET ? Color.WHITE : TAG);
            g.fillRoundRect(x, e.y() - 11, w, 22, 11, 11);
            g.setColor(state == NOT_YET ? FAINT : INK);
            g.setStroke(new BasicStroke(1f));
            g.drawRoundRect(x, e.y() - 11, w, 22, 11, 11);
            g.setFont(LABEL);
            g.drawString(e.op(), x + (w - g.getFontMetrics().stringWidth(e.op())) / 2, e.y() + 5);
        }
    }

    private static void drawWire(Graphics2D g, Element a, Element b, String route, int state) {
        g.setColor(state == NOW ? HIGHLIGHT : state == EARLIER ? GREY : FAINT);
        g.setStroke(new BasicStroke(state == NOW ? 3f : 1.5f));
        boolean right = a.x() < b.x(), down = a.y() < b.y();
        int hStart = right ? a.right() : a.left(), hEnd = right ? b.left() - tagWidth(b) : b.right();
        int vStart = down ? a.bottom() : a.top() - 22, vEnd = down ? b.top() - 22 : b.bottom();   // 22: the label
        int hMid = (hStart + hEnd) / 2, vMid = (vStart + vEnd) / 2;
        int[][] p = switch (route) {
            case "H" -> new int[][] {{hStart, a.y()}, {hEnd, a.y()}};
            case "V" -> new int[][] {{a.x(), vStart}, {a.x(), vEnd}};
            case "HV" -> new int[][] {{hStart, a.y()}, {b.x(), a.y()}, {b.x(), vEnd}};
            case "VH" -> new int[][] {{a.x(), vStart}, {a.x(), b.y()}, {hEnd, b.y()}};
            case "HVH" -> new int[][] {{hStart, a.y()}, {hMid, a.y()}, {hMid, b.y()}, {hEnd, b.y()}};
            default -> new int[][] {{a.x(), vStart}, {a.x(), vMid}, {b.x(), vMid}, {b.x(), vEnd}};
        };
        for (int k = 1; k < p.length; k++) {
            g.drawLine(p[k - 1][0], p[k - 1][1], p[k][0], p[k][1]);
        }
        int n = p.length - 1;
        double angle = Math.atan2(p[n][1] - p[n - 1][1], p[n][0] - p[n - 1][0]);
        g.fillPolygon(new int[] {p[n][0], (int) Math.round(p[n][0] - 10 * Math.cos(angle - 0.4)),
                        (int) Math.round(p[n][0] - 10 * Math.cos(angle + 0.4))},
                new int[] {p[n][1], (int) Math.round(p[n][1] - 10 * Math.sin(angle - 0.4)),
                        (int) Math.round(p[n][1] - 10 * Math.sin(angle + 0.4))}, 3);
    }

    /** The two colour scales as a key: signed values −1 … 1 and gates 0 … 1. */
    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(SMALL);
        g.setColor(INK);
        g.drawString("value  −1", x, y + 10);
        g.drawString("+1", x + 148, y + 10);
        g.drawString("gate  0", x + 176, y + 10);
        g.drawString("1", x + 300, y + 10);
        for (int k = 0; k < 5; k++) {
            g.setColor(colour(-1 + k * 0.5, false));
            g.fillRect(x + 55 + 18 * k, y, 18, 12);
        }
        for (int k = 0; k < 3; k++) {
            g.setColor(colour(k * 0.5, true));
            g.fillRect(x + 218 + 26 * k, y, 26, 12);
        }
        g.setColor(INK);
        g.drawRect(x + 55, y, 90, 12);
        g.drawRect(x + 218, y, 78, 12);
    }
}
