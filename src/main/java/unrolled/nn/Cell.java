package unrolled.nn;

import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * One time step of a recurrent network, (x_t, state_{t−1}) → state_t, for a batch × inputSize input.
 * Unrolling a cell over a sequence ({@link RecurrentLayer}) builds the computation graph that BPTT differentiates.
 */
public interface Cell {

    int inputSize();

    int hiddenSize();

    /** Computes state_t from x_t and state_{t−1}. */
    State step(Node x, State previous);

    /** The trainable parameters under PyTorch's names for a single cell ("weight_ih", "bias_hh", …). */
    Parameters parameters();

    /**
     * This cell over a whole sequence as one fused op ({@link FusedForm}), or null when it has none and is unrolled
     * step by step. A cell that has one declares it here, next to its {@link #step}; the default is none.
     */
    default FusedForm fusedForm() {
        return null;
    }

    /** The all-zero state for a batch, as PyTorch starts by default. */
    default State initialState(int batch) {
        return State.of(Node.constant("h0", Tensors.zeros(batch, hiddenSize())));
    }

    /** Checks one step's input: a batch × inputSize matrix, with a message naming the cell and both widths. */
    default void requireInput(Node x) {
        if (x.rows() == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input x has a batch of 0 rows (x is 0×"
                    + x.cols() + "); a batch needs at least one row");
        }
        if (x.cols() != inputSize()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected input of width "
                    + inputSize() + ", got " + x.cols() + " (input is " + x.rows() + "×" + x.cols() + ")");
        }
    }

    /**
     * Checks the previous state against one step's input: h (and c, if present) batch × hiddenSize with the batch
     * of x, e.g. "LSTMCell: state h has batch 3 but input x has batch 4".
     */
    default void requireState(Node x, State previous) {
        Checks.requireState(getClass().getSimpleName(), x, previous, hiddenSize(), "");
    }
}
