package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;

/** Argument checks shared by the layers, with messages that name the layer. */
final class Checks {

    private Checks() {}

    static void requireSizes(String layer, int inputSize, int hiddenSize) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(layer + ": input and hidden sizes must be positive, got input "
                    + inputSize + " and hidden " + hiddenSize);
        }
    }

    /** A sequence must have at least one step, and every step the same batch size as the first. */
    static void requireSequence(String layer, List<Node> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException(layer + ": empty sequence; need at least one time step");
        }
        int batch = inputs.get(0).rows();
        if (batch == 0) {
            throw new IllegalArgumentException(layer + ": time step 0 has a batch of 0 rows (input x is 0×"
                    + inputs.get(0).cols() + "); a batch needs at least one row");
        }
        for (int t = 1; t < inputs.size(); t++) {
            if (inputs.get(t).rows() != batch) {
                throw new IllegalArgumentException(layer + ": time step " + t + " has a batch of "
                        + inputs.get(t).rows() + " rows but time step 0 has " + batch
                        + "; the batch size cannot change within a sequence");
            }
        }
    }

    /**
     * A state must fit the step's input and the layer: h (and c, if the cell has one) batch × width, with the batch
     * of x. The message names the real problem, e.g. "LSTM: state h has batch 3 but input x has batch 4";
     * {@code where} is appended (e.g. " (initial state 1: layer 0, backward)"), or empty.
     */
    static void requireState(String layer, Node x, State state, int width, String where) {
        requireState(layer, x, state, width, "the hidden size", where);
    }

    /** As above, the width called {@code widthName} ("the output size" for a Jordan cell). */
    static void requireState(String layer, Node x, State state, int width, String widthName, String where) {
        if (state == null || state.h() == null) {
            throw new IllegalArgumentException(layer + ": the state has no h" + where);
        }
        requireStatePart(layer, "h", x, state.h(), width, widthName, where);
        if (state.c() != null) {
            requireStatePart(layer, "c", x, state.c(), width, widthName, where);
        }
    }

    private static void requireStatePart(String layer, String part, Node x, Node s, int width, String widthName,
                                         String where) {
        if (s.rows() != x.rows()) {
            throw new IllegalArgumentException(layer + ": state " + part + " has batch " + s.rows()
                    + " but input x has batch " + x.rows() + where + " (state " + part + " is " + s.rows() + "×"
                    + s.cols() + ", x is " + x.rows() + "×" + x.cols() + ")");
        }
        if (s.cols() != width) {
            throw new IllegalArgumentException(layer + ": state " + part + " has width " + s.cols()
                    + " but " + widthName + " is " + width + where + " (state " + part + " is " + s.rows() + "×"
                    + s.cols() + ")");
        }
    }
}
