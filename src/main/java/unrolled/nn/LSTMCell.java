package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sigmoid;
import static unrolled.graph.Ops.slice;
import static unrolled.graph.Ops.tanh;

import java.util.Random;
import unrolled.fast.Fused;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The LSTM cell (articles 2, 3, 5; PyTorch's {@code nn.LSTMCell}), composed from graph ops.
 * With a = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh split into four blocks of H columns in PyTorch's order:
 * <pre>
 *   i_t = σ(a_i)          input gate
 *   f_t = σ(a_f)          forget gate
 *   g_t = tanh(a_g)       candidate cell (C̃_t)
 *   o_t = σ(a_o)          output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * W_ih is 4H × input and W_hh is 4H × H, the four gates stacked (i, f, g, o).
 * {@link PeepholeLSTMCell} extends it with peephole terms added to a_i, a_f and a_o.
 */
public class LSTMCell extends GateBlockCell {

    /** The values of one step, for looking inside (gate heatmaps, the conveyor belt of c). */
    public record Gates(Node i, Node f, Node g, Node o, Node c, Node h) {

        /** (h_t, c_t), what the next step receives. */
        public State state() {
            return new State(h, c);
        }
    }

    /** A cell from given parameters: W_ih 4H × input, W_hh 4H × H, biases 1 × 4H (or null). */
    public LSTMCell(Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        this(new GateWeights("LSTMCell", 4, weightIh, weightHh, biasIh, biasHh));
    }

    LSTMCell(GateWeights weights) {
        super(weights);
    }

    /** PyTorch's initialisation: every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static LSTMCell random(int inputSize, int hiddenSize, Random random) {
        return new LSTMCell(GateWeights.random("LSTMCell", 4, inputSize, hiddenSize, random));
    }

    /**
     * Article 5's tip: start with the forget gate open. Sets the forget block of b_ih to {@code value} and that of
     * b_hh to 0, so the total forget bias is {@code value} (1 is the usual choice); returns this cell.
     */
    public LSTMCell withForgetBias(double value) {
        weights.setBiasBlock(1, value, 0.0);
        return this;
    }

    @Override
    public State initialState(int batch) {
        return new State(Node.constant("h0", Tensors.zeros(batch, hiddenSize())),
                Node.constant("c0", Tensors.zeros(batch, hiddenSize())));
    }

    @Override
    public State step(Node x, State previous) {
        return gates(x, previous).state();
    }

    /** One step with every intermediate value exposed. */
    public Gates gates(Node x, State previous) {
        return gates(x, previous, Peepholes.NONE);
    }

    /** The step of the formulas above, with the peephole terms of {@code peepholes} ({@link Peepholes#NONE}: none). */
    final Gates gates(Node x, State previous, Peepholes peepholes) {
        requireInput(x);
        if (previous.c() == null) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": the previous state has no cell state c");
        }
        requireState(x, previous);
        int h = hiddenSize();
        Node a = weights.of(x, previous.h());
        Node i = sigmoid(peepholes.input(slice(a, 0, h), previous.c())).named("i");
        Node f = sigmoid(peepholes.forget(slice(a, h, 2 * h), previous.c())).named("f");
        Node g = tanh(slice(a, 2 * h, 3 * h)).named("g");
        Node c = add(mul(f, previous.c()), mul(i, g)).named("c");
        Node o = sigmoid(peepholes.output(slice(a, 3 * h, 4 * h), c)).named("o");
        Node hNew = mul(o, tanh(c)).named("h");
        return new Gates(i, f, g, o, c, hNew);
    }

    /**
     * The plain LSTM cell with both biases runs as one {@code fusedLSTM} op ({@link Fused#lstm}). A subclass changes
     * the step (peepholes), so it has no fused form unless it declares its own.
     */
    @Override
    public FusedForm fusedForm() {
        if (getClass() != LSTMCell.class || !weights.hasBiases()) {
            return null;
        }
        return FusedLayer.of(this, 7, (inputs, initial, composed) ->
                Fused.lstm(weights.fused(), inputs, initial.h(), initial.c(), composed));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + inputSize() + " → " + hiddenSize() + ")";
    }
}
