package unrolled.calculus;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Graph;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * A picture of the graph that ends at a node: inputs on the left, the output on the right, one box per node with its
 * name or op and shape, optionally its value and gradient. {@link #dot()} gives Graphviz's DOT text;
 * {@link #image()} renders it with Graphviz's {@code dot} when it is installed and with a simple built-in layout
 * when it is not. In a notebook, end a cell with {@code Diagram.of(loss).withValues().image()}.
 */
public final class Diagram {

    /** Values and gradients with more entries than this are summarised by their shape only. */
    private static final int MAX_ENTRIES_SHOWN = 6;

    private static Boolean graphvizAvailable;

    private final Node output;
    private boolean values;
    private boolean gradients;

    private Diagram(Node output) {
        this.output = output;
    }

    /** A diagram of everything {@code output} was computed from. */
    public static Diagram of(Node output) {
        return new Diagram(output);
    }

    /** Also show each node's value. */
    public Diagram withValues() {
        values = true;
        return this;
    }

    /** Also show each node's gradient (run {@code backward()} first). */
    public Diagram withGradients() {
        gradients = true;
        return this;
    }

    /** Graphviz DOT text: leaves that are parameters in yellow, constants in grey, op results in white. */
    public String dot() {
        List<Node> order = Graph.topologicalOrder(output);
        Map<Node, Integer> ids = ids(order);
        StringBuilder s = new StringBuilder("digraph G {\n  rankdir=LR;\n"
                + "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n"
                + "  edge [color=\"#555555\"];\n");
        for (Node node : order) {
            s.append("  n").append(ids.get(node)).append(" [label=\"")
                    .append(String.join("\\n", lines(node)).replace("\"", "\\\""))
                    .append("\", fillcolor=\"").append(fill(node)).append("\"];\n");
        }
        for (Node node : order) {
            for (Node parent : node.parents()) {
                s.append("  n").append(ids.get(parent)).append(" -> n").append(ids.get(node)).append(";\n");
            }
        }
        return s.append("}\n").toString();
    }

    /** The diagram as a picture: Graphviz's layout if {@code dot} is on the PATH, else the built-in layout. */
    public BufferedImage image() {
        if (isGraphvizAvailable()) {
            try {
                return renderWithGraphviz(dot());
            } catch (IOException e) {
                // fall through to the built-in layout
            }
        }
        return renderBuiltIn();
    }

    /** Whether Graphviz's {@code dot} command can be run. */
    public static synchronized boolean isGraphvizAvailable() {
        if (graphvizAvailable == null) {
            try {
                Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                graphvizAvailable = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                graphvizAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                graphvizAvailable = false;
            }
        }
        return graphvizAvailable;
    }

    @Override
    public String toString() {
        return dot();
    }

    private List<String> lines(Node node) {
        List<String> lines = new ArrayList<>();
        String shape = node.rows() + "×" + node.cols();
        if (node.label() != null && !node.isLeaf()) {
            lines.add(node.label() + " = " + node.function().name());
        } else {
            lines.add(node.describe());
        }
        lines.add(shape);
        if (values) {
            lines.add("value " + summary(node.value()));
        }
        if (gradients && node.requiresGrad()) {
            lines.add("grad " + summary(node.grad()));
        }
        return lines;
    }

    private static String summary(DMatrixRMaj m) {
        if (m.getNumElements() == 1) {
            return Tensors.format(m.get(0, 0));
        }
        return m.getNumElements() <= MAX_ENTRIES_SHOWN ? Tensors.format(m) : "(" + m.numRows + "×" + m.numCols + ")";
    }

    private static String fill(Node node) {
        if (!node.isLeaf()) {
            return "#ffffff";
        }
        return node.requiresGrad() ? "#fff2b3" : "#e6e6e6";
    }

    private static Map<Node, Integer> ids(List<Node> order) {
        Map<Node, Integer> ids = new IdentityHashMap<>();
        for (Node node : order) {
            ids.put(node, ids.size());
        }
        return ids;
    }

    private static BufferedImage renderWithGraphviz(String dot) throws IOException {
        Process process = new ProcessBuilder("dot", "-Tpng", "-Gdpi=96").start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        byte[] png;
        try (InputStream out = process.getInputStream()) {
            png = out.readAllBytes();
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("dot produced no image");
        }
        return image;
    }

    /**
     * Columns by depth (the longest path from a leaf; a leaf sits just left of its first use), nodes stacked in each
     * column, each box as wide as its own label, edges as straight arrows.
     */
    private BufferedImage renderBuiltIn() {
        List<Node> order = Graph.topologicalOrder(output);
        Map<Node, Integer> depth = depths(order);
        int columnCount = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Node>> columns = new ArrayList<>();
        for (int c = 0; c < columnCount; c++) {
            columns.add(new ArrayList<>());
        }
        order.forEach(node -> columns.get(depth.get(node)).add(node));

        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
        Map<Node, List<String>> labels = new IdentityHashMap<>();
        Map<Node, Integer> boxWidth = new IdentityHashMap<>();
        int boxHeight = 0;
        for (Node node : order) {
            List<String> lines = lines(node);
            labels.put(node, lines);
            boxWidth.put(node, lines.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 16);
            boxHeight = Math.max(boxHeight, lines.size() * metrics.getHeight() + 10);
        }
        int gapX = 40;
        int gapY = 20;
        int tallest = columns.stream().mapToInt(List::size).max().orElse(1);
        int height = tallest * (boxHeight + gapY) + gapY;
        Map<Node, int[]> position = new IdentityHashMap<>();
        int x = gapX;
        for (List<Node> column : columns) {
            int columnWidth = column.stream().mapToInt(boxWidth::get).max().orElse(0);
            int top = (height - column.size() * (boxHeight + gapY) + gapY) / 2;
            for (int r = 0; r < column.size(); r++) {
                Node node = column.get(r);
                position.put(node, new int[] {x + (columnWidth - boxWidth.get(node)) / 2, top + r * (boxHeight + gapY)});
            }
            x += columnWidth + gapX;
        }
        BufferedImage image = new BufferedImage(x, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, x, height);
        g.setFont(font);
        g.setStroke(new BasicStroke(1.2f));
        int middle = boxHeight / 2;
        for (Node node : order) {
            int[] to = position.get(node);
            for (Node parent : node.parents()) {
                int[] from = position.get(parent);
                arrow(g, from[0] + boxWidth.get(parent), from[1] + middle, to[0], to[1] + middle);
            }
        }
        for (Node node : order) {
            int[] at = position.get(node);
            int width = boxWidth.get(node);
            g.setColor(Color.decode(fill(node)));
            g.fillRoundRect(at[0], at[1], width, boxHeight, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawRoundRect(at[0], at[1], width, boxHeight, 10, 10);
            int y = at[1] + 5 + metrics.getAscent();
            for (String line : labels.get(node)) {
                g.drawString(line, at[0] + (width - metrics.stringWidth(line)) / 2, y);
                y += metrics.getHeight();
            }
        }
        g.dispose();
        return image;
    }

    /** Op results: one more than their deepest input. Leaves: one less than their earliest use. */
    private static Map<Node, Integer> depths(List<Node> order) {
        Map<Node, Integer> depth = new IdentityHashMap<>();
        for (Node node : order) {
            int d = 0;
            for (Node parent : node.parents()) {
                d = Math.max(d, depth.get(parent) + 1);
            }
            depth.put(node, d);
        }
        Map<Node, Integer> firstUse = new IdentityHashMap<>();
        for (Node node : order) {
            for (Node parent : node.parents()) {
                if (parent.isLeaf()) {
                    firstUse.merge(parent, depth.get(node) - 1, Math::min);
                }
            }
        }
        depth.putAll(firstUse);
        return depth;
    }

    private static void arrow(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.setColor(Color.GRAY);
        g.drawLine(x1, y1, x2, y2);
        double angle = Math.atan2(y2 - y1, x2 - x1);
        int size = 7;
        int[] xs = {x2, (int) (x2 - size * Math.cos(angle - 0.4)), (int) (x2 - size * Math.cos(angle + 0.4))};
        int[] ys = {y2, (int) (y2 - size * Math.sin(angle - 0.4)), (int) (y2 - size * Math.sin(angle + 0.4))};
        g.fillPolygon(xs, ys, 3);
    }
}
