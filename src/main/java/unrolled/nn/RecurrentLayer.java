package unrolled.nn;

import java.util.ArrayList;
import java.util.List;
import unrolled.graph.Node;

/**
 * A cell unrolled over a sequence: state_t = cell(x_t, state_{t−1}) for t = 1…T. The result is one computation
 * graph through all T steps, with the same parameters at every step, so backward() on a loss over the outputs is
 * backpropagation through time.
 */
public final class RecurrentLayer {

    private final Cell cell;

    public RecurrentLayer(Cell cell) {
        this.cell = cell;
    }

    public Cell cell() {
        return cell;
    }

    /** Runs the sequence from the zero state: h_1 … h_T and the state after the last step. */
    public SequenceOutput forward(List<Node> inputs) {
        Checks.requireSequence("RecurrentLayer", inputs);
        return forward(inputs, cell.initialState(inputs.get(0).rows()));
    }

    /** Runs the sequence from a given state (for example the detached state of the previous window). */
    public SequenceOutput forward(List<Node> inputs, State initial) {
        Checks.requireSequence("RecurrentLayer", inputs);
        if (initial.h().rows() != inputs.get(0).rows()) {
            throw new IllegalArgumentException("RecurrentLayer: the sequence has a batch of " + inputs.get(0).rows()
                    + " rows but the initial state has " + initial.h().rows());
        }
        // every step keeps at least x·W_ihᵀ, h·W_hhᵀ, their sum and the new h, each batch × H, for backward; with
        // graph building off only the outputs stay
        MemoryEstimate.require("RecurrentLayer(" + cell.getClass().getSimpleName() + ")", inputs.size(),
                inputs.get(0).rows(), cell.hiddenSize(), (Node.isNoGrad() ? 1L : 4L) * cell.hiddenSize());
        List<Node> outputs = new ArrayList<>(inputs.size());
        State state = initial;
        for (Node x : inputs) {
            state = cell.step(x, state);
            outputs.add(state.h());
        }
        return new SequenceOutput(outputs, state);
    }

    /** The cell's parameters (shared by every step). */
    public Parameters parameters() {
        return cell.parameters();
    }

    @Override
    public String toString() {
        return "RecurrentLayer(" + cell + ")";
    }
}
