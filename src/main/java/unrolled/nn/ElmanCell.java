package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.linear;

import java.util.Random;
import unrolled.graph.Node;

/**
 * The Elman cell, seed 002's RNN and PyTorch's {@code nn.RNNCell}:
 * h_t = φ(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh), with φ = tanh by default.
 * In seed 002's letters W_ih is U (input → hidden) and W_hh is W (hidden → hidden); the output layer V is a
 * {@link Dense} layer on h_t.
 */
public final class ElmanCell implements Cell {

    private final Activation activation;
    private final Node weightIh;
    private final Node weightHh;
    private final Node biasIh;
    private final Node biasHh;

    /** A cell from given parameters: W_ih is hidden × input, W_hh hidden × hidden, biases 1 × hidden or null. */
    public ElmanCell(Activation activation, Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        if (weightHh.rows() != weightIh.rows() || weightHh.cols() != weightIh.rows()) {
            throw new IllegalArgumentException("ElmanCell: weight_hh must be " + weightIh.rows() + "×"
                    + weightIh.rows() + " to match weight_ih " + weightIh.rows() + "×" + weightIh.cols()
                    + ", got " + weightHh.rows() + "×" + weightHh.cols());
        }
        this.activation = activation;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    /** PyTorch's initialisation: every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static ElmanCell random(int inputSize, int hiddenSize, Activation activation, Random random) {
        Checks.requireSizes("ElmanCell", inputSize, hiddenSize);
        return new ElmanCell(activation,
                Init.uniform("weight_ih", hiddenSize, inputSize, hiddenSize, random),
                Init.uniform("weight_hh", hiddenSize, hiddenSize, hiddenSize, random),
                Init.uniform("bias_ih", 1, hiddenSize, hiddenSize, random),
                Init.uniform("bias_hh", 1, hiddenSize, hiddenSize, random));
    }

    /** A tanh cell with PyTorch's initialisation. */
    public static ElmanCell random(int inputSize, int hiddenSize, Random random) {
        return random(inputSize, hiddenSize, Activation.TANH, random);
    }

    /**
     * Seed 000's memory cell: linear activation, every weight 1, no bias, so h_t = Σx_t + Σh_{t−1} in every unit.
     * With a {@link Dense#allOnes} output layer, inputs [1,1], [1,1], [2,2] give outputs [4,4], [12,12], [32,32].
     */
    public static ElmanCell linearMemory(int inputSize, int hiddenSize) {
        Checks.requireSizes("ElmanCell", inputSize, hiddenSize);
        return new ElmanCell(Activation.IDENTITY,
                Init.filled("weight_ih", hiddenSize, inputSize, 1.0),
                Init.filled("weight_hh", hiddenSize, hiddenSize, 1.0), null, null);
    }

    @Override
    public int inputSize() {
        return weightIh.cols();
    }

    @Override
    public int hiddenSize() {
        return weightIh.rows();
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public State step(Node x, State previous) {
        requireInput(x);
        Node preActivation = add(linear(x, weightIh, biasIh), linear(previous.h(), weightHh, biasHh));
        return State.of(activation.apply(preActivation));
    }

    @Override
    public Parameters parameters() {
        Parameters p = new Parameters().add("weight_ih", weightIh).add("weight_hh", weightHh);
        if (biasIh != null) p.add("bias_ih", biasIh);
        if (biasHh != null) p.add("bias_hh", biasHh);
        return p;
    }

    @Override
    public String toString() {
        return "ElmanCell(" + inputSize() + " → " + hiddenSize() + ", " + activation.name().toLowerCase() + ")";
    }
}
