package unrolled.nn;

import static unrolled.graph.Ops.sliceRows;
import static unrolled.graph.Ops.stackRows;

import java.util.ArrayList;
import java.util.List;
import unrolled.graph.Node;
import unrolled.graph.RowBlocks;

/**
 * Runs a whole sequence through a cell's fused op ({@link FusedElman}, {@link FusedLSTM}, {@link FusedGRU}) and
 * hands back the same {@link SequenceOutput} as unrolling the composed cell: the per-step outputs are the
 * {@link RowBlocks} of the op's value, so gradients reach them (and everything before them) as usual, and stacking
 * them again (a head over every step, the next layer's input) costs no copy.
 */
final class FusedLayer {

    private FusedLayer() {}

    /** Elman cells with tanh or relu and both biases, plain LSTM cells and PyTorch-form GRU cells are fused. */
    static boolean supports(Cell cell) {
        if (cell instanceof ElmanCell elman) {
            Nonlinearity a = elman.activation();
            return (a == Nonlinearity.TANH || a == Nonlinearity.RELU) && elman.parameters().names().size() == 4;
        }
        if (cell instanceof GRUCell gru) {
            return gru.variant() == GRUCell.Variant.PYTORCH;
        }
        return cell.getClass() == LSTMCell.class;
    }

    static SequenceOutput run(Cell cell, List<Node> inputs, State initial) {
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
        // what forward allocates per step and batch row: the stacked input, then H for Elman (the output, computed
        // in place), 7H for the GRU (gates 3H, recurrent part 3H, h) and the LSTM (gates 4H, h, c, tanh c)
        MemoryEstimate.require(cell.getClass().getSimpleName() + " (fused)", steps, batch, hidden,
                cell.inputSize() + (cell instanceof ElmanCell ? 1L : 7L) * hidden);
        Parameters p = cell.parameters();
        List<Node> arguments = new ArrayList<>(List.of(stackRows(inputs), p.get("weight_ih"), p.get("weight_hh"),
                p.get("bias_ih"), p.get("bias_hh"), initial.h()));
        FusedRecurrence op;
        if (cell instanceof ElmanCell elman) {
            op = new FusedElman(steps, batch, hidden, elman.activation());
        } else if (cell instanceof GRUCell) {
            op = new FusedGRU(steps, batch, hidden);
        } else {
            op = new FusedLSTM(steps, batch, hidden);
            arguments.add(initial.c());
        }
        Node y = Node.apply(op, arguments.toArray(new Node[0]));
        List<Node> outputs = new RowBlocks(y, batch, steps);
        Node c = op instanceof FusedLSTM ? sliceRows(y, steps * batch, (steps + 1) * batch) : null;
        return new SequenceOutput(outputs, new State(outputs.get(steps - 1), c));
    }
}
