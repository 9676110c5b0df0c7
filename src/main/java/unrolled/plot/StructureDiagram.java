package unrolled.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input/output structures of an RNN side by side (one to one, one to many, many to one, many to many): one panel
 * per structure, one column per time step, inputs x at the bottom, states h in the middle passing right, outputs y on
 * top, an example application under each panel.
 *
 * <pre>{@code
 * StructureDiagram.image("RNN input/output structures", List.of(
 *         new StructureDiagram.Structure("many to one", "sentiment", 3, StructureDiagram.range(0, 3), Set.of(2))))
 * }</pre>
 */
public final class StructureDiagram {

    /** One structure: its number of time steps, the steps that read an input and those that give an output. */
    public record Structure(String name, String example, int steps, Set<Integer> inputs, Set<Integer> outputs) {
        public Structure {
            if (steps < 1) {
                throw new IllegalArgumentException("StructureDiagram: " + name + " needs at least one step");
            }
            inputs = Set.copyOf(inputs);
            outputs = Set.copyOf(outputs);
        }
    }

    private static final int BOX = 26, GAP = 16, TOP = 62;
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private StructureDiagram() {}

    /** The steps from, from + 1, …, to − 1. */
    public static Set<Integer> range(int from, int to) {
        Set<Integer> s = new TreeSet<>();
        for (int i = from; i < to; i++) {
            s.add(i);
        }
        return s;
    }

    /** All structures in one picture under a title; each panel is as wide as its boxes or its captions. */
    public static BufferedImage image(String title, List<Structure> structures) {
        int height = TOP + 3 * BOX + 2 * 22 + 48;
        Graphics2D ruler = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int[] panels = new int[structures.size()];
        int width = 20;
        for (int i = 0; i < panels.length; i++) {
            Structure s = structures.get(i);
            panels[i] = Math.max(s.steps() * (BOX + GAP) - GAP, Math.max(ruler.getFontMetrics(BOLD).stringWidth(s.name()),
                    ruler.getFontMetrics(SMALL).stringWidth(s.example()))) + 24;
            width += panels[i];
        }
        ruler.dispose();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 22);
        g.setStroke(new BasicStroke(1.5f));
        int left = 10;
        for (int i = 0; i < panels.length; i++) {
            panel(g, structures.get(i), left, panels[i], height);
            left += panels[i];
        }
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, Structure s, int left, int panel, int height) {
        int x0 = left + (panel - (s.steps() * (BOX + GAP) - GAP)) / 2;
        g.setColor(Color.BLACK);
        g.setFont(BOLD);
        g.drawString(s.name(), left + (panel - g.getFontMetrics().stringWidth(s.name())) / 2, 48);
        g.setFont(SMALL);
        g.drawString(s.example(), left + (panel - g.getFontMetrics().stringWidth(s.example())) / 2, height - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int yOut = TOP, yHidden = TOP + BOX + 22, yIn = TOP + 2 * (BOX + 22);
        for (int t = 0; t < s.steps(); t++) {
            int x = x0 + t * (BOX + GAP);
            if (s.inputs().contains(t)) {
                box(g, x, yIn, new Color(0xF4A6A6), "x");
                arrow(g, x + BOX / 2, yIn, x + BOX / 2, yHidden + BOX);
            }
            box(g, x, yHidden, new Color(0xA8D8A8), "h");
            if (t > 0) {
                arrow(g, x - GAP, yHidden + BOX / 2, x, yHidden + BOX / 2);
            }
            if (s.outputs().contains(t)) {
                box(g, x, yOut, new Color(0x9EC5F0), "y");
                arrow(g, x + BOX / 2, yHidden, x + BOX / 2, yOut + BOX);
            }
        }
    }

    private static void box(Graphics2D g, int x, int y, Color fill, String label) {
        g.setColor(fill);
        g.fillRoundRect(x, y, BOX, BOX, 8, 8);
        g.setColor(Color.DARK_GRAY);
        g.drawRoundRect(x, y, BOX, BOX, 8, 8);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(label, x + (BOX - fm.stringWidth(label)) / 2, y + (BOX + fm.getAscent()) / 2 - 2);
    }

    private static void arrow(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x1, y1, x2, y2);
        double a = Math.atan2(y2 - y1, x2 - x1);
        g.fillPolygon(new int[] {x2, (int) (x2 - 7 * Math.cos(a - 0.45)), (int) (x2 - 7 * Math.cos(a + 0.45))},
                new int[] {y2, (int) (y2 - 7 * Math.sin(a - 0.45)), (int) (y2 - 7 * Math.sin(a + 0.45))}, 3);
    }
}
