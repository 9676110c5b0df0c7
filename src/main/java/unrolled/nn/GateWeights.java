package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.linear;

import java.util.Random;
import unrolled.fast.Fused;
import unrolled.graph.Node;

/**
 * The two affine maps every cell of the Elman/LSTM/GRU family starts from, with k gates stacked in blocks of H
 * columns (PyTorch's layout): x·W_ihᵀ + b_ih and h·W_hhᵀ + b_hh, where W_ih is kH × input, W_hh is kH × H and the
 * biases are 1 × kH (or absent). Elman has k = 1, GRU k = 3 (r, z, n), LSTM k = 4 (i, f, g, o).
 */
final class GateWeights {

    final Node weightIh;
    final Node weightHh;
    final Node biasIh;
    final Node biasHh;

    GateWeights(String cell, int gates, Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        int rows = weightIh.rows();
        int h = weightHh.cols();
        if (rows != gates * h || weightHh.rows() != rows) {
            String kh = gates == 1 ? "H" : gates + "H";
            throw new IllegalArgumentException(cell + ": weight_ih must be " + kh + " × input and weight_hh " + kh
                    + " × H, got " + weightIh.rows() + "×" + weightIh.cols() + " and "
                    + weightHh.rows() + "×" + weightHh.cols());
        }
        requireBias(cell, "bias_ih", biasIh, rows);
        requireBias(cell, "bias_hh", biasHh, rows);
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    /** PyTorch's initialisation: all four from U(−1/√H, 1/√H), drawn in state_dict order (W_ih, W_hh, b_ih, b_hh). */
    static GateWeights random(String cell, int gates, int inputSize, int hiddenSize, Random random) {
        Checks.requireSizes(cell, inputSize, hiddenSize);
        int rows = gates * hiddenSize;
        return new GateWeights(cell, gates,
                Init.uniform("weight_ih", rows, inputSize, hiddenSize, random),
                Init.uniform("weight_hh", rows, hiddenSize, hiddenSize, random),
                Init.uniform("bias_ih", 1, rows, hiddenSize, random),
                Init.uniform("bias_hh", 1, rows, hiddenSize, random));
    }

    private static void requireBias(String cell, String name, Node bias, int width) {
        if (bias != null && (bias.rows() != 1 || bias.cols() != width)) {
            throw new IllegalArgumentException(cell + ": " + name + " must be 1×" + width + ", got "
                    + bias.rows() + "×" + bias.cols());
        }
    }

    int inputSize() {
        return weightIh.cols();
    }

    int hiddenSize() {
        return weightHh.cols();
    }

    /** x·W_ihᵀ + b_ih, batch × kH. */
    Node ofInput(Node x) {
        return linear(x, weightIh, biasIh);
    }

    /** h·W_hhᵀ + b_hh, batch × kH. */
    Node ofHidden(Node h) {
        return linear(h, weightHh, biasHh);
    }

    /** x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, the stacked pre-activations of all gates. */
    Node of(Node x, Node h) {
        return add(ofInput(x), ofHidden(h));
    }

    /** Sets gate block k of b_ih to {@code ihValue} and of b_hh to {@code hhValue} (both biases must exist). */
    void setBiasBlock(int k, double ihValue, double hhValue) {
        int h = hiddenSize();
        for (int j = k * h; j < (k + 1) * h; j++) {
            biasIh.value().set(0, j, ihValue);
            biasHh.value().set(0, j, hhValue);
        }
    }

    /** Whether both biases are present, as the fused ops need. */
    boolean hasBiases() {
        return biasIh != null && biasHh != null;
    }

    /** The four tensors, typed, for the fused ops of the speed tier. */
    Fused.Weights fused() {
        return new Fused.Weights(weightIh, weightHh, biasIh, biasHh);
    }

    /** weight_ih, weight_hh, bias_ih, bias_hh (the biases if present), PyTorch's order. */
    Parameters parameters() {
        Parameters p = new Parameters().add("weight_ih", weightIh).add("weight_hh", weightHh);
        if (biasIh != null) p.add("bias_ih", biasIh);
        if (biasHh != null) p.add("bias_hh", biasHh);
        return p;
    }
}
