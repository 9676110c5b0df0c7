package unrolled.nn;

/**
 * What the Elman, GRU and LSTM cells have in common: their parameters are PyTorch's four tensors with k gates stacked
 * in blocks of H — W_ih (kH × input), W_hh (kH × H), b_ih and b_hh (1 × kH) — with k = 1, 3 and 4.
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

    /** weight_ih, weight_hh, bias_ih, bias_hh (the biases if present), in PyTorch's order. */
    @Override
    public Parameters parameters() {
        return weights.parameters();
    }
}
