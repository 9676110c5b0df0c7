package unrolled.nn;

import java.util.Random;
import unrolled.fast.Fused;
import unrolled.graph.Node;

/**
 * The Elman cell, article 3's RNN and PyTorch's {@code nn.RNNCell}:
 * h_t = φ(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh), with φ = tanh by default.
 * In article 3's letters W_ih is U (input → hidden) and W_hh is W (hidden → hidden); the output layer V is a
 * {@link Dense} layer on h_t.
 */
public final class ElmanCell extends GateBlockCell {

    private final Nonlinearity activation;

    /** A cell from given parameters: W_ih is hidden × input, W_hh hidden × hidden, biases 1 × hidden or null. */
    public ElmanCell(Nonlinearity activation, Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        this(activation, new GateWeights("ElmanCell", 1, weightIh, weightHh, biasIh, biasHh));
    }

    private ElmanCell(Nonlinearity activation, GateWeights weights) {
        super(weights);
        this.activation = activation;
    }

    /** PyTorch's initialisation: every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static ElmanCell random(int inputSize, int hiddenSize, Nonlinearity activation, Random random) {
        return new ElmanCell(activation, GateWeights.random("ElmanCell", 1, inputSize, hiddenSize, random));
    }

    /** A tanh cell with PyTorch's initialisation. */
    public static ElmanCell random(int inputSize, int hiddenSize, Random random) {
        return random(inputSize, hiddenSize, Nonlinearity.TANH, random);
    }

    /**
     * Article 1's memory cell: linear activation, every weight 1, no bias, so h_t = Σx_t + Σh_{t−1} in every unit.
     * With a {@link Dense#allOnes} output layer, inputs [1,1], [1,1], [2,2] give outputs [4,4], [12,12], [32,32].
     */
    public static ElmanCell linearMemory(int inputSize, int hiddenSize) {
        Checks.requireSizes("ElmanCell", inputSize, hiddenSize);
        return new ElmanCell(Nonlinearity.IDENTITY,
                Init.filled("weight_ih", hiddenSize, inputSize, 1.0),
                Init.filled("weight_hh", hiddenSize, hiddenSize, 1.0), null, null);
    }

    public Nonlinearity activation() {
        return activation;
    }

    @Override
    public State step(Node x, State previous) {
        requireInput(x);
        requireState(x, previous);
        return State.of(activation.apply(weights.of(x, previous.h())));
    }

    /** Tanh and relu cells with both biases run as one {@code fusedRNN} op ({@link Fused#elman}). */
    @Override
    public FusedForm fusedForm() {
        if (activation != Nonlinearity.TANH && activation != Nonlinearity.RELU || !weights.hasBiases()) {
            return null;
        }
        boolean relu = activation == Nonlinearity.RELU;
        return FusedLayer.of(this, 1, (inputs, initial, composed) ->
                Fused.elman(weights.fused(), relu, inputs, initial.h(), composed));
    }

    @Override
    public String toString() {
        return "ElmanCell(" + inputSize() + " → " + hiddenSize() + ", " + activation.name().toLowerCase() + ")";
    }
}
