package unrolled.nn;

import unrolled.graph.Node;

/**
 * What the Elman, GRU and LSTM cells have in common: their parameters are PyTorch's four tensors with k gates stacked
 * in blocks of H — W_ih (kH × input), W_hh (kH × H), b_ih and b_hh (1 × kH) — with k = 1, 3 and 4.
 */
public abstract class StackedCell implements Cell {

    final GateWeights weights;

    StackedCell(GateWeights weights) {
        this.weights = weights;
    }

    @Override
    public int inputSize() {
        return weights.inputSize();
    }

    @Override
    public int hiddenSize() {
        return weights.hiddenSize();
    }

    /** W_ih, kH × input ("weight_ih"). */
    public Node weightIh() {
        return weights.weightIh;
    }

    /** W_hh, kH × H ("weight_hh"). */
    public Node weightHh() {
        return weights.weightHh;
    }

    /** b_ih, 1 × kH ("bias_ih"), or null for a cell without it. */
    public Node biasIh() {
        return weights.biasIh;
    }

    /** b_hh, 1 × kH ("bias_hh"), or null for a cell without it. */
    public Node biasHh() {
        return weights.biasHh;
    }

    /** weight_ih, weight_hh, bias_ih, bias_hh (the biases if present), in PyTorch's order. */
    @Override
    public Parameters parameters() {
        return weights.parameters();
    }
}
