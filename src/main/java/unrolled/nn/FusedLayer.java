package unrolled.nn;

import static unrolled.graph.Ops.sliceRows;
import static unrolled.graph.Ops.stackRows;

import java.util.ArrayList;
import java.util.List;
import unrolled.fast.Fused;
import unrolled.graph.Node;

/**
 * What every cell's {@link FusedForm} does around its fused op: check the sequence against the cell (with the
 * messages of the composed cells), check that the layer fits in memory, and turn the op's result into a
 * {@link SequenceOutput}. It also gives the op its {@link Fused.Composed} form, the cell unrolled step by step,
 * for forward mode.
 */
final class FusedLayer {

    private FusedLayer() {}

    /** The fused op of one cell, given its stacked inputs, its initial state and its composed form. */
    @FunctionalInterface
    interface Op {
        Fused.Sequence run(List<Node> inputs, State initial, Fused.Composed composed);
    }

    /**
     * A cell's fused form around its op.
     *
     * @param cell           the cell (for the checks and the composed form)
     * @param widthPerHidden what forward allocates per step and batch row, beyond the stacked input, in units of H:
     *                       1 for Elman (the output, computed in place), 7 for the GRU (gates 3H, recurrent part 3H,
     *                       h) and the LSTM (gates 4H, h, c, tanh c)
     * @param op             the call into {@link Fused}
     */
    static FusedForm of(Cell cell, long widthPerHidden, Op op) {
        return (inputs, initial) -> {
            requireSequence(cell, inputs, initial, widthPerHidden);
            Fused.Sequence s = op.run(inputs, initial, (x, h0, c0) -> unroll(cell, x, h0, c0));
            return new SequenceOutput(s.outputs(), new State(s.h(), s.c()));
        };
    }

    private static void requireSequence(Cell cell, List<Node> inputs, State initial, long widthPerHidden) {
        int steps = inputs.size();
        cell.requireState(inputs.get(0), initial);
        int batch = initial.h().rows();
        for (int t = 0; t < steps; t++) {
            cell.requireInput(inputs.get(t));
            if (inputs.get(t).rows() != batch) {
                throw new IllegalArgumentException(cell.getClass().getSimpleName() + ": time step " + t + " has a batch of "
                        + inputs.get(t).rows() + " rows but the state has " + batch);
            }
        }
        int hidden = cell.hiddenSize();
        MemoryEstimate.require(cell.getClass().getSimpleName() + " (fused)", steps, batch, hidden,
                cell.inputSize() + widthPerHidden * hidden);
    }

    /** [h_1; …; h_T] (and c_T below them when there is a cell state): the cell unrolled over the stacked inputs. */
    private static Node unroll(Cell cell, Node stackedInputs, Node h0, Node c0) {
        int batch = h0.rows();
        State state = new State(h0, c0);
        List<Node> rows = new ArrayList<>();
        for (int t = 0; t < stackedInputs.rows() / batch; t++) {
            state = cell.step(sliceRows(stackedInputs, t * batch, (t + 1) * batch), state);
            rows.add(state.h());
        }
        if (c0 != null) {
            rows.add(state.c());
        }
        return stackRows(rows);
    }
}
