package unrolled.plot;

import java.util.List;

/**
 * The picture of one recurrent cell, colah-style: the vectors a time step computes ({@link Element}s), the arrows
 * between them ({@link Wire}s) and the order in which the formulas compute them ({@link Stage}s). It holds no
 * numbers: {@link CellDrawing} draws it with the values of a {@link CellRun}. {@link CellSchematics} makes the
 * schematics of the Elman, LSTM and GRU cells on one layout.
 *
 * @param name     the title, e.g. "LSTM cell"
 * @param note     a line under the title (may be empty), with TeX-like subscripts such as {@code h_{t−1}}
 * @param width    picture width in pixels
 * @param height   picture height in pixels
 * @param elements the vectors, each named by the key its values have in a {@link CellRun}
 * @param wires    the arrows
 * @param stages   the sub-steps of one time step, in order; every element is computed by exactly one stage
 */
public record CellSchematic(String name, String note, int width, int height, List<Element> elements,
                            List<Wire> wires, List<Stage> stages) {

    /**
     * A vector of {@code size} numbers drawn as a row of squares centred at (x, y), its label above it and the
     * operation that made it (or null) in a tag on its left.
     *
     * @param gate true for a gate, whose values lie in (0, 1) and are coloured white … green
     */
    public record Element(String name, String label, String op, int x, int y, int size, boolean gate) {
        /** Width of one number's square, in pixels. */
        public static final int CELL_WIDTH = 44;
        /** Height of an element, in pixels. */
        public static final int CELL_HEIGHT = 24;

        public int left() {
            return x - size * CELL_WIDTH / 2;
        }

        public int right() {
            return x + size * CELL_WIDTH / 2;
        }

        public int top() {
            return y - CELL_HEIGHT / 2;
        }

        public int bottom() {
            return y + CELL_HEIGHT / 2;
        }
    }

    /**
     * An arrow from one element to another. The route is "H" or "V" (straight), "HV" or "VH" (one bend), "HVH" or
     * "VHV" (two bends, half way).
     */
    public record Wire(String from, String to, String route) {
        public Wire {
            if (!List.of("H", "V", "HV", "VH", "HVH", "VHV").contains(route)) {
                throw new IllegalArgumentException("CellSchematic.Wire: unknown route " + route + " from " + from
                        + " to " + to + "; use H, V, HV, VH, HVH or VHV");
            }
        }
    }

    /** One sub-step of a time step: a title, its formula (TeX-like subscripts) and the elements it computes. */
    public record Stage(String title, String formula, List<String> computes) {}

    public CellSchematic {
        elements = List.copyOf(elements);
        wires = List.copyOf(wires);
        stages = List.copyOf(stages);
        for (Wire w : wires) {
            element(w.from(), elements);
            element(w.to(), elements);
        }
        for (Stage s : stages) {
            for (String n : s.computes()) {
                element(n, elements);
            }
        }
    }

    /** The element with this name; the error lists the names there are. */
    public Element element(String elementName) {
        return element(elementName, elements);
    }

    /** The index of the stage that computes this element (counted from 0). */
    public int stageOf(String elementName) {
        element(elementName);
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s).computes().contains(elementName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("CellSchematic " + name + ": no stage computes " + elementName);
    }

    /** The same picture with another title and note, e.g. to say how the weights were chosen. */
    public CellSchematic titled(String newName, String newNote) {
        return new CellSchematic(newName, newNote, width, height, elements, wires, stages);
    }

    private static Element element(String n, List<Element> elements) {
        return elements.stream().filter(e -> e.name().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CellSchematic: no element " + n + "; have "
                        + elements.stream().map(Element::name).toList()));
    }
}
