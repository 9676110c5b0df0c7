package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.linear;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sigmoid;
import static unrolled.graph.Ops.slice;
import static unrolled.graph.Ops.tanh;

import java.util.Random;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The LSTM cell (seeds 001, 002, 004; PyTorch's {@code nn.LSTMCell}), composed from graph ops.
 * With a = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh split into four blocks of H columns in PyTorch's order:
 * <pre>
 *   i_t = σ(a_i)          input gate
 *   f_t = σ(a_f)          forget gate
 *   g_t = tanh(a_g)       candidate cell (C̃_t)
 *   o_t = σ(a_o)          output gate
 *   c_t = f_t ∘ c_{t−1} + i_t ∘ g_t
 *   h_t = o_t ∘ tanh(c_t)
 * </pre>
 * W_ih is 4H × input and W_hh is 4H × H, the four gates stacked (i, f, g, o).
 */
public final class LSTMCell implements Cell {

    /** The values of one step, for looking inside (gate heatmaps, the conveyor belt of c). */
    public record Gates(Node i, Node f, Node g, Node o, Node c, Node h) {}

    private final Node weightIh;
    private final Node weightHh;
    private final Node biasIh;
    private final Node biasHh;

    public LSTMCell(Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        int h4 = weightIh.rows();
        if (h4 % 4 != 0 || weightHh.rows() != h4 || weightHh.cols() != h4 / 4) {
            throw new IllegalArgumentException("LSTMCell: weight_ih must be 4H × input and weight_hh 4H × H, got "
                    + weightIh.rows() + "×" + weightIh.cols() + " and " + weightHh.rows() + "×" + weightHh.cols());
        }
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    /** PyTorch's initialisation: every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static LSTMCell random(int inputSize, int hiddenSize, Random random) {
        Checks.requireSizes("LSTMCell", inputSize, hiddenSize);
        int h4 = 4 * hiddenSize;
        return new LSTMCell(
                Init.uniform("weight_ih", h4, inputSize, hiddenSize, random),
                Init.uniform("weight_hh", h4, hiddenSize, hiddenSize, random),
                Init.uniform("bias_ih", 1, h4, hiddenSize, random),
                Init.uniform("bias_hh", 1, h4, hiddenSize, random));
    }

    /**
     * Seed 004's tip: start with the forget gate open. Sets the forget block of b_ih to {@code value} and that of
     * b_hh to 0, so the total forget bias is {@code value} (1 is the usual choice); returns this cell.
     */
    public LSTMCell withForgetBias(double value) {
        int h = hiddenSize();
        for (int j = h; j < 2 * h; j++) {
            biasIh.value().set(0, j, value);
            biasHh.value().set(0, j, 0.0);
        }
        return this;
    }

    @Override
    public int inputSize() {
        return weightIh.cols();
    }

    @Override
    public int hiddenSize() {
        return weightHh.cols();
    }

    @Override
    public State initialState(int batch) {
        return new State(Node.constant("h0", Tensors.zeros(batch, hiddenSize())),
                Node.constant("c0", Tensors.zeros(batch, hiddenSize())));
    }

    @Override
    public State step(Node x, State previous) {
        Gates gates = gates(x, previous);
        return new State(gates.h(), gates.c());
    }

    /** One step with every intermediate value exposed. */
    public Gates gates(Node x, State previous) {
        requireInput(x);
        if (previous.c() == null) {
            throw new IllegalArgumentException("LSTMCell: the previous state has no cell state c");
        }
        int h = hiddenSize();
        Node a = add(linear(x, weightIh, biasIh), linear(previous.h(), weightHh, biasHh));
        Node i = sigmoid(slice(a, 0, h)).named("i");
        Node f = sigmoid(slice(a, h, 2 * h)).named("f");
        Node g = tanh(slice(a, 2 * h, 3 * h)).named("g");
        Node o = sigmoid(slice(a, 3 * h, 4 * h)).named("o");
        Node c = add(mul(f, previous.c()), mul(i, g)).named("c");
        Node hNew = mul(o, tanh(c)).named("h");
        return new Gates(i, f, g, o, c, hNew);
    }

    @Override
    public Parameters parameters() {
        return new Parameters().add("weight_ih", weightIh).add("weight_hh", weightHh)
                .add("bias_ih", biasIh).add("bias_hh", biasHh);
    }

    @Override
    public String toString() {
        return "LSTMCell(" + inputSize() + " → " + hiddenSize() + ")";
    }
}
