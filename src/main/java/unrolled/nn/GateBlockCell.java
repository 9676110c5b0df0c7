package unrolled.nn;

import unrolled.graph.Node;

/**
 * What the Elman, GRU and LSTM cells have in common: their parameters are PyTorch's four tensors with k gate blocks
 * stacked on top of each other, H rows each — W_ih (kH × input), W_hh (kH × H), b_ih and b_hh (1 × kH) — with
 * k = 1 (Elman's single block), 3 (GRU: r, z, n) and 4 (LSTM: i, f, g, o). One matrix product then computes every
 * gate's pre-activation at once, and block j of the result is gate j's. (A stack of <em>layers</em> is a
 * {@link Recurrent} with {@code layers(n)}; this class is about the blocks inside one cell.)
 */
public abstract class GateBlockCell implements Cell {

    final GateWeights weights;

    GateBlockCell(GateWeights weights) {
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
