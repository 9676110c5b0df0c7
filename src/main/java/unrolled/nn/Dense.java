package unrolled.nn;

import static unrolled.graph.Ops.linear;

import java.util.Random;
import unrolled.graph.Node;

/**
 * A fully connected layer y = x·Wᵀ + b (PyTorch's {@code nn.Linear}, weight out × in): article 3's output layer V,
 * applied to a hidden state before a softmax or a regression target.
 */
public final class Dense {

    private final Node weight;
    private final Node bias;

    /** A layer from given parameters: W is out × in, b is 1 × out or null. */
    public Dense(Node weight, Node bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** PyTorch's initialisation for nn.Linear's bound: U(−1/√in, 1/√in) for weight and bias. */
    public static Dense random(int inputSize, int outputSize, Random random) {
        Checks.requireSizes("Dense", inputSize, outputSize);
        return new Dense(Init.uniform("weight", outputSize, inputSize, inputSize, random),
                Init.uniform("bias", 1, outputSize, inputSize, random));
    }

    /** Every weight 1 and no bias, article 1's output layer. */
    public static Dense allOnes(int inputSize, int outputSize) {
        return new Dense(Init.filled("weight", outputSize, inputSize, 1.0), null);
    }

    /** y = x·Wᵀ + b for a batch × in input. */
    public Node forward(Node x) {
        if (x.cols() != weight.cols()) {
            throw new IllegalArgumentException("Dense: expected input of width " + weight.cols() + ", got "
                    + x.cols() + " (input is " + x.rows() + "×" + x.cols() + ")");
        }
        return linear(x, weight, bias);
    }

    /** W, out × in ("weight"). */
    public Node weight() {
        return weight;
    }

    /** b, 1 × out ("bias"), or null for a layer without one. */
    public Node bias() {
        return bias;
    }

    /** in, the width of the input. */
    public int inputSize() {
        return weight.cols();
    }

    /** out, the width of the output. */
    public int outputSize() {
        return weight.rows();
    }

    /** "weight" and, if present, "bias". */
    public Parameters parameters() {
        Parameters p = new Parameters().add("weight", weight);
        return bias == null ? p : p.add("bias", bias);
    }

    @Override
    public String toString() {
        return "Dense(" + inputSize() + " → " + outputSize() + ")";
    }
}
