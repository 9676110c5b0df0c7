package unrolled.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Circles-and-arrows pictures of a recurrent network unrolled in time: one column per step t, inputs x<sub>t</sub>
 * at the bottom, states in the middle, outputs y<sub>t</sub> on top. They stand in for article 3's lost figures
 * (notebooks 08 and 09). The cell schematics that show what happens <em>inside</em> a cell are elsewhere in this
 * package; these pictures show only which state feeds which.
 *
 * <ul>
 *   <li>{@link #bidirectional(int)}: h→<sub>t</sub> = f(x<sub>t</sub>, h→<sub>t−1</sub>) in red, solid;
 *       h←<sub>t</sub> = f(x<sub>t</sub>, h←<sub>t+1</sub>) in blue, dashed; y<sub>t</sub> = g([h→<sub>t</sub>;
 *       h←<sub>t</sub>]).</li>
 *   <li>{@link #deep}: h<sup>(l)</sup><sub>t</sub> = f(h<sup>(l−1)</sup><sub>t</sub>, h<sup>(l)</sup><sub>t−1</sub>)
 *       with h<sup>(0)</sup><sub>t</sub> = x<sub>t</sub>; the vertical arrows where dropout sits are drawn dashed
 *       and orange.</li>
 * </ul>
 */
public final class UnrolledNetworks {

    private static final Color INPUT = new Color(0xCFE0F7);
    private static final Color STATE = new Color(0xFFF2B3);
    private static final Color OUTPUT = new Color(0xE6E6E6);
    private static final Color RED = new Color(0xC0392B);
    private static final Color BLUE = new Color(0x2E6FD8);
    private static final Color ORANGE = new Color(0xE67E22);

    private UnrolledNetworks() {}

    /** Article 3's bidirectional figure over T steps: the forward RNN solid red, the backward RNN dashed blue. */
    public static BufferedImage bidirectional(int T) {
        BufferedImage img = new BufferedImage(140 * T + 360, 400, BufferedImage.TYPE_INT_RGB);
        Kit k = new Kit(img, 22, 14, new float[] {7f, 5f}, 2f);
        double yX = 340, yF = 250, yB = 160, yY = 60, x0 = 70;
        for (int t = 1; t <= T; t++) {
            double cx = x0 + 140 * (t - 1), fx = cx - 25, bx = cx + 25;
            k.arrow(cx, yX, fx, yF, Color.GRAY, false);
            k.arrow(cx, yX, bx, yB, Color.GRAY, false);
            k.arrow(fx, yF, cx, yY, RED, false);
            k.arrow(bx, yB, cx, yY, BLUE, true);
            if (t < T) {
                k.arrow(fx, yF, fx + 140, yF, RED, false);        // h→(t) → h→(t+1)
                k.arrow(bx + 140, yB, bx, yB, BLUE, true);        // h←(t+1) → h←(t)
            }
        }
        for (int t = 1; t <= T; t++) {
            double cx = x0 + 140 * (t - 1);
            k.circle(cx, yX, INPUT, "x" + t);
            k.circle(cx - 25, yF, STATE, "h→" + t);
            k.circle(cx + 25, yB, STATE, "h←" + t);
            k.circle(cx, yY, OUTPUT, "y" + t);
        }
        Graphics2D g = k.g;
        float lx = (float) (x0 + 140 * (T - 1) + 70);
        g.setColor(RED);
        g.drawString("forward, solid: h→t from xt and h→t−1", lx, (float) yF + 5);
        g.setColor(BLUE);
        g.drawString("backward, dashed: h←t from xt and h←t+1", lx, (float) yB + 5);
        g.setColor(Color.DARK_GRAY);
        g.drawString("output: yt from [h→t, h←t]", lx, (float) yY + 5);
        g.drawString("input xt", lx, (float) yX + 5);
        g.dispose();
        return img;
    }

    /**
     * A deep RNN of {@code layers} rows over T steps, with a title. Recurrent arrows (left to right) are red, vertical
     * arrows grey, or dashed orange where dropout is applied: on the input, between layers, on the output.
     */
    public static BufferedImage deep(String title, int layers, int T, boolean dropInput, boolean dropBetween,
                                     boolean dropOutput) {
        int dx = 110, dy = 80, x0 = 90, top = 70;
        int width = Math.max(x0 + dx * T + 40, 8 * title.length() + 30);
        BufferedImage img = new BufferedImage(width, top + dy * (layers + 1) + 60, BufferedImage.TYPE_INT_RGB);
        Kit k = new Kit(img, 20, 13, new float[] {6f, 4f}, 2.5f);
        double yInput = top + dy * (layers + 1);
        for (int t = 1; t <= T; t++) {
            double x = x0 + dx * (t - 1);
            for (int l = 0; l <= layers; l++) {                 // vertical arrows: input → layer 1 → … → output
                boolean dropped = l == 0 ? dropInput : l == layers ? dropOutput : dropBetween;
                k.arrow(x, yInput - dy * l, x, yInput - dy * (l + 1), dropped ? ORANGE : Color.GRAY, dropped);
            }
            for (int l = 1; l <= layers && t < T; l++) {        // recurrent arrows: h(l)_t → h(l)_{t+1}
                k.arrow(x, yInput - dy * l, x + dx, yInput - dy * l, RED, false);
            }
        }
        for (int t = 1; t <= T; t++) {
            double x = x0 + dx * (t - 1);
            k.circle(x, yInput, INPUT, "x" + t);
            for (int l = 1; l <= layers; l++) {
                k.circle(x, yInput - dy * l, STATE, "h" + l + "," + t);
            }
            k.circle(x, yInput - dy * (layers + 1), OUTPUT, "y" + t);
        }
        Graphics2D g = k.g;
        g.setColor(Color.DARK_GRAY);
        for (int l = 1; l <= layers; l++) {
            g.drawString("layer " + l, 10, (float) (yInput - dy * l + 5));
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.dispose();
        return img;
    }

    /** Labelled circles of radius r and arrows from rim to rim, on a white antialiased canvas. */
    private static final class Kit {
        final Graphics2D g;
        final int r;
        final float[] dash;
        final float dashedWidth;

        Kit(BufferedImage img, int radius, int fontSize, float[] dash, float dashedWidth) {
            g = Canvas.white(img);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            this.r = radius;
            this.dash = dash;
            this.dashedWidth = dashedWidth;
        }

        void circle(double x, double y, Color fill, String label) {
            Ellipse2D c = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            g.setColor(fill);
            g.fill(c);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(c);
            FontMetrics m = g.getFontMetrics();
            g.drawString(label, (float) (x - m.stringWidth(label) / 2.0), (float) (y + m.getAscent() / 2.0 - 2));
        }

        /** An arrow from the rim of the circle at (x1, y1) to the rim of the circle at (x2, y2), solid or dashed. */
        void arrow(double x1, double y1, double x2, double y2, Color color, boolean dashed) {
            double d = Math.hypot(x2 - x1, y2 - y1), ux = (x2 - x1) / d, uy = (y2 - y1) / d;
            double ax = x1 + ux * r, ay = y1 + uy * r, bx = x2 - ux * (r + 2), by = y2 - uy * (r + 2);
            g.setColor(color);
            g.setStroke(dashed
                    ? new BasicStroke(dashedWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f)
                    : new BasicStroke(2f));
            g.draw(new Line2D.Double(ax, ay, bx, by));
            double a = Math.atan2(by - ay, bx - ax);
            Path2D head = new Path2D.Double();
            head.moveTo(bx, by);
            head.lineTo(bx - 10 * Math.cos(a - 0.4), by - 10 * Math.sin(a - 0.4));
            head.lineTo(bx - 10 * Math.cos(a + 0.4), by - 10 * Math.sin(a + 0.4));
            head.closePath();
            g.fill(head);
        }
    }
}
