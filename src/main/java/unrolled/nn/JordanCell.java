package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.linear;

import java.util.Random;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The Jordan network (article 1): like Elman's, but what is fed back is the previous <em>output</em> y_{t−1}, not the
 * hidden state:
 * <pre>
 *   h_t = φ(x_t·W_ihᵀ + b_ih + y_{t−1}·W_yhᵀ + b_yh)      hidden layer, φ = tanh by default
 *   y_t = ψ(h_t·W_hoᵀ + b_ho)                             output layer, ψ = tanh by default
 * </pre>
 * Parameters (PyTorch-style names): weight_ih (H × input), bias_ih, weight_yh (H × output, output → hidden),
 * bias_yh, weight_ho (output × H, hidden → output), bias_ho. The state passed from step to step holds y_t in its
 * {@link State#h()} slot, so a {@link RecurrentLayer} over this cell outputs y_1 … y_T; {@link #values} also shows h_t.
 */
public final class JordanCell implements Cell {

    /** One step's hidden layer h_t and output y_t. */
    public record Values(Node h, Node y) {}

    private final Nonlinearity hiddenActivation;
    private final Nonlinearity outputActivation;
    private final Node weightIh;
    private final Node biasIh;
    private final Node weightYh;
    private final Node biasYh;
    private final Node weightHo;
    private final Node biasHo;

    /** A cell from given parameters (shapes as in the class comment; biases may be null). */
    public JordanCell(Nonlinearity hiddenActivation, Nonlinearity outputActivation, Node weightIh, Node biasIh,
                      Node weightYh, Node biasYh, Node weightHo, Node biasHo) {
        int h = weightIh.rows();
        int o = weightHo.rows();
        if (weightYh.rows() != h || weightYh.cols() != o || weightHo.cols() != h) {
            throw new IllegalArgumentException("JordanCell: with weight_ih " + h + "×" + weightIh.cols()
                    + " and weight_ho " + o + "×" + weightHo.cols() + ", weight_yh must be " + h + "×" + o
                    + " and weight_ho " + o + "×" + h + ", got weight_yh " + weightYh.rows() + "×" + weightYh.cols());
        }
        this.hiddenActivation = hiddenActivation;
        this.outputActivation = outputActivation;
        this.weightIh = weightIh;
        this.biasIh = biasIh;
        this.weightYh = weightYh;
        this.biasYh = biasYh;
        this.weightHo = weightHo;
        this.biasHo = biasHo;
    }

    /**
     * Every parameter from U(−1/√fan, 1/√fan), with fan the width each layer reads from (H for the hidden layer as
     * PyTorch's RNN does, H for the output layer as nn.Linear does), drawn in the order of {@link #parameters()}.
     */
    public static JordanCell random(int inputSize, int hiddenSize, int outputSize, Nonlinearity hiddenActivation,
                                    Nonlinearity outputActivation, Random random) {
        Checks.requireSizes("JordanCell", inputSize, hiddenSize);
        Checks.requireSizes("JordanCell", outputSize, hiddenSize);
        return new JordanCell(hiddenActivation, outputActivation,
                Init.uniform("weight_ih", hiddenSize, inputSize, hiddenSize, random),
                Init.uniform("bias_ih", 1, hiddenSize, hiddenSize, random),
                Init.uniform("weight_yh", hiddenSize, outputSize, hiddenSize, random),
                Init.uniform("bias_yh", 1, hiddenSize, hiddenSize, random),
                Init.uniform("weight_ho", outputSize, hiddenSize, hiddenSize, random),
                Init.uniform("bias_ho", 1, outputSize, hiddenSize, random));
    }

    /** tanh in both layers. */
    public static JordanCell random(int inputSize, int hiddenSize, int outputSize, Random random) {
        return random(inputSize, hiddenSize, outputSize, Nonlinearity.TANH, Nonlinearity.TANH, random);
    }

    @Override
    public int inputSize() {
        return weightIh.cols();
    }

    /** H, the width of the hidden layer h_t (not of the state, which is y). */
    @Override
    public int hiddenSize() {
        return weightIh.rows();
    }

    /** The width of y_t, which is also the width of the state. */
    public int outputSize() {
        return weightHo.rows();
    }

    /** y_0 = 0, batch × output. */
    @Override
    public void requireState(Node x, State previous) {
        Checks.requireState("JordanCell", x, previous, outputSize(), "the output size",
                " (a Jordan cell's state is its output y)");
    }

    @Override
    public State initialState(int batch) {
        return State.of(Node.constant("y0", Tensors.zeros(batch, outputSize())));
    }

    @Override
    public State step(Node x, State previous) {
        return State.of(values(x, previous).y());
    }

    /** One step, with the hidden layer h_t exposed; {@code previous.h()} holds y_{t−1}. */
    public Values values(Node x, State previous) {
        requireInput(x);
        requireState(x, previous);
        Node h = hiddenActivation.apply(add(linear(x, weightIh, biasIh), linear(previous.h(), weightYh, biasYh)));
        Node y = outputActivation.apply(linear(h, weightHo, biasHo));
        return new Values(h.named("h"), y.named("y"));
    }

    @Override
    public Parameters parameters() {
        Parameters p = new Parameters();
        addIfPresent(p, "weight_ih", weightIh);
        addIfPresent(p, "bias_ih", biasIh);
        addIfPresent(p, "weight_yh", weightYh);
        addIfPresent(p, "bias_yh", biasYh);
        addIfPresent(p, "weight_ho", weightHo);
        return addIfPresent(p, "bias_ho", biasHo);
    }

    private static Parameters addIfPresent(Parameters p, String name, Node node) {
        return node == null ? p : p.add(name, node);
    }

    @Override
    public String toString() {
        return "JordanCell(" + inputSize() + " → " + hiddenSize() + " → " + outputSize() + ", "
                + hiddenActivation.name().toLowerCase() + "/" + outputActivation.name().toLowerCase() + ")";
    }
}
