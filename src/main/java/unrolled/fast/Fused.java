package unrolled.fast;

import static unrolled.graph.Ops.sliceRows;
import static unrolled.graph.Ops.stackRows;

import java.util.ArrayList;
import java.util.List;
import unrolled.graph.Node;

/**
 * The speed tier's seam for recurrent layers: a whole Elman, GRU or LSTM layer over a whole sequence as one graph op,
 * as PyTorch's {@code nn.LSTM} runs behind its {@code LSTMCell}. Each cell of {@code unrolled.nn} declares its fused
 * form by calling one of {@link #elman}, {@link #gru} and {@link #lstm} with its typed {@link Weights}; the numbers
 * are those of unrolling the composed cell (tested to 1e−10).
 *
 * <p>The outputs h_1 … h_T come back as the {@link RowBlocks} of the op's value, so gradients reach them (and
 * everything before them) as usual, and stacking them again (a head over every step, the next layer's input) costs
 * no copy.
 *
 * <p>A fused op keeps the whole {@code Function} contract. Backward runs the hand-written step recursion of each op;
 * forward mode ({@code tangent}) is computed on the {@link Composed} cells, the same maths from graph ops, which the
 * op builds on its own inputs the first time a tangent is asked for: forward mode is for teaching and checking, so
 * it takes the slow, obviously right path.
 */
public final class Fused {

    private Fused() {}

    /**
     * The four tensors of a cell with G gate blocks of H stacked in PyTorch's layout: W_ih (G·H × I), W_hh
     * (G·H × H), b_ih and b_hh (1 × G·H). G is 1 for an Elman cell, 3 for a GRU (r, z, n), 4 for an LSTM
     * (i, f, g, o). A fused layer needs both biases.
     */
    public record Weights(Node weightIh, Node weightHh, Node biasIh, Node biasHh) {}

    /** A fused layer's result: h_1 … h_T in time order, and the final state h_T, c_T (c is null for Elman and GRU). */
    public record Sequence(List<Node> outputs, Node h, Node c) {}

    /**
     * The layer composed from graph ops, for forward mode: given the stacked inputs X (T·B × I), h_0 and c_0 (null
     * without a cell state), the node [h_1; …; h_T] (and c_T below them for an LSTM) built with the same weights.
     */
    @FunctionalInterface
    public interface Composed {
        Node unroll(Node stackedInputs, Node h0, Node c0);
    }

    /**
     * An Elman layer, h_t = φ(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh), as one {@code fusedRNN} op.
     *
     * @param weights  the cell's tensors (G = 1)
     * @param relu     φ = relu when true, else tanh
     * @param inputs   x_1 … x_T, each B × I
     * @param h0       the initial state, B × H
     * @param composed the same layer from graph ops, for forward mode
     */
    public static Sequence elman(Weights weights, boolean relu, List<Node> inputs, Node h0, Composed composed) {
        int hidden = weights.weightHh().cols();
        return run(new FusedElman(inputs.size(), h0.rows(), hidden, relu), weights, inputs, h0, null, composed);
    }

    /** A GRU layer in PyTorch's form (see {@link FusedGRU}) as one {@code fusedGRU} op; arguments as for {@link #elman}. */
    public static Sequence gru(Weights weights, List<Node> inputs, Node h0, Composed composed) {
        int hidden = weights.weightHh().cols();
        return run(new FusedGRU(inputs.size(), h0.rows(), hidden), weights, inputs, h0, null, composed);
    }

    /** An LSTM layer (see {@link FusedLSTM}) as one {@code fusedLSTM} op, from h_0 and c_0 (both B × H). */
    public static Sequence lstm(Weights weights, List<Node> inputs, Node h0, Node c0, Composed composed) {
        int hidden = weights.weightHh().cols();
        return run(new FusedLSTM(inputs.size(), h0.rows(), hidden), weights, inputs, h0, c0, composed);
    }

    private static Sequence run(FusedRecurrence op, Weights w, List<Node> inputs, Node h0, Node c0,
                                Composed composed) {
        int steps = inputs.size();
        int batch = h0.rows();
        List<Node> arguments = new ArrayList<>(List.of(stackRows(inputs), w.weightIh(), w.weightHh(), w.biasIh(),
                w.biasHh(), h0));
        if (c0 != null) {
            arguments.add(c0);
        }
        op.composedBy(composed, arguments);
        Node y = Node.apply(op, arguments.toArray(new Node[0]));
        List<Node> outputs = new RowBlocks(y, batch, steps);
        Node c = c0 != null ? sliceRows(y, steps * batch, (steps + 1) * batch) : null;
        return new Sequence(outputs, outputs.get(steps - 1), c);
    }
}
