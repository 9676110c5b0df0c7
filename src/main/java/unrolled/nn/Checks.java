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
        for (int t = 1; t < inputs.size(); t++) {
            if (inputs.get(t).rows() != batch) {
                throw new IllegalArgumentException(layer + ": time step " + t + " has a batch of "
                        + inputs.get(t).rows() + " rows but time step 0 has " + batch
                        + "; the batch size cannot change within a sequence");
            }
        }
    }
}
