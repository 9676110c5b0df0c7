package unrolled.nn;

/**
 * Closed formulas for how many numbers a recurrent model trains, to put beside {@link Parameters#count()}.
 * m is the input width, h the hidden size, and {@code biasesPerGate} says which bias convention is meant:
 * <ul>
 *   <li>1 — one bias vector per gate, as in the formulas of article 5 and Keras: LSTM 4(mh + h² + h);</li>
 *   <li>2 — PyTorch's b_ih and b_hh per gate (what every cell here has): LSTM 4(mh + h² + 2h);</li>
 *   <li>0 — no bias (PyTorch's {@code bias=False}).</li>
 * </ul>
 * For m = 1, h = 50 article 5's count is 4(50 + 2500 + 50) = 10400, and PyTorch's nn.LSTM(1, 50) reports 10600.
 */
public final class ParameterCounts {

    private ParameterCounts() {}

    /** One layer and direction of any cell: {@code (m, h) → count}. */
    @FunctionalInterface
    public interface PerCell {
        int count(int inputSize, int hiddenSize);
    }

    /** A cell with k gates, each with an input weight (h × m), a recurrent one (h × h), b biases: k(mh + h² + bh). */
    public static int gated(int gates, int m, int h, int biasesPerGate) {
        return gates * (m * h + h * h + biasesPerGate * h);
    }

    /** Elman RNN: mh + h² + bh. */
    public static int rnn(int m, int h, int biasesPerGate) {
        return gated(1, m, h, biasesPerGate);
    }

    /** LSTM: 4(mh + h² + bh); article 5's formula with b = 1, PyTorch's count with b = 2. */
    public static int lstm(int m, int h, int biasesPerGate) {
        return gated(4, m, h, biasesPerGate);
    }

    /** GRU: 3(mh + h² + bh). */
    public static int gru(int m, int h, int biasesPerGate) {
        return gated(3, m, h, biasesPerGate);
    }

    /** Peephole LSTM: the LSTM's 4(mh + h² + bh) plus 3h diagonal peephole weights. */
    public static int peepholeLstm(int m, int h, int biasesPerGate) {
        return lstm(m, h, biasesPerGate) + 3 * h;
    }

    /**
     * A stack of {@code layers} layers of one cell, bidirectional or not: layer 0 reads m, every later layer reads
     * the previous layer's output, h wide (2h when bidirectional); a bidirectional layer has two cells.
     * E.g. {@code stacked((m, h) -> lstm(m, h, 2), 10, 20, 2, true)} for nn.LSTM(10, 20, 2, bidirectional=True).
     */
    public static int stacked(PerCell cell, int m, int h, int layers, boolean bidirectional) {
        int directions = bidirectional ? 2 : 1;
        int total = 0;
        for (int layer = 0; layer < layers; layer++) {
            total += directions * cell.count(layer == 0 ? m : directions * h, h);
        }
        return total;
    }

    /** A dense layer of n outputs on m inputs: nm + n (with bias) or nm. */
    public static int dense(int m, int n, boolean bias) {
        return n * m + (bias ? n : 0);
    }
}
