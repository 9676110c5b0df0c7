package unrolled.nn;

import java.util.Random;
import unrolled.graph.Node;

/**
 * The peephole LSTM (article 3, Part Four; Gers &amp; Schmidhuber 2000): an LSTM whose gates also look at the cell
 * state through diagonal weights, 1 × H each, acting entry by entry. With a split as in {@link LSTMCell}:
 * <pre>
 *   i_t = σ(a_i + w_ci ⊙ c_{t−1})
 *   f_t = σ(a_f + w_cf ⊙ c_{t−1})
 *   g_t = tanh(a_g)
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   o_t = σ(a_o + w_co ⊙ c_t)       the output gate sees the new cell state
 *   h_t = o_t ⊙ tanh(c_t)
 * </pre>
 * Parameters: weight_ih, weight_hh, bias_ih, bias_hh as in the LSTM, then weight_ci, weight_cf, weight_co — 3H more.
 */
public final class PeepholeLSTMCell extends LSTMCell {

    private final Peepholes peepholes;

    /** A cell from an LSTM's four parameters and the three 1 × H peephole weights. */
    public PeepholeLSTMCell(Node weightIh, Node weightHh, Node biasIh, Node biasHh,
                            Node weightCi, Node weightCf, Node weightCo) {
        this(new GateWeights("PeepholeLSTMCell", 4, weightIh, weightHh, biasIh, biasHh),
                new Peepholes(weightCi, weightCf, weightCo));
    }

    /** None: the peephole terms are not in the fused LSTM op, so the cell is unrolled step by step. */
    @Override
    public FusedForm fusedForm() {
        return null;
    }

    private PeepholeLSTMCell(GateWeights weights, Peepholes peepholes) {
        super(weights);
        int h = weights.hiddenSize();
        for (Node w : new Node[] {peepholes.ci(), peepholes.cf(), peepholes.co()}) {
            if (w == null || w.rows() != 1 || w.cols() != h) {
                throw new IllegalArgumentException("PeepholeLSTMCell: each peephole weight must be 1×" + h + ", got "
                        + (w == null ? "null" : w.rows() + "×" + w.cols()));
            }
        }
        this.peepholes = peepholes;
    }

    /** Every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static PeepholeLSTMCell random(int inputSize, int hiddenSize, Random random) {
        GateWeights weights = GateWeights.random("PeepholeLSTMCell", 4, inputSize, hiddenSize, random);
        return new PeepholeLSTMCell(weights, new Peepholes(
                Init.uniform("weight_ci", 1, hiddenSize, hiddenSize, random),
                Init.uniform("weight_cf", 1, hiddenSize, hiddenSize, random),
                Init.uniform("weight_co", 1, hiddenSize, hiddenSize, random)));
    }

    @Override
    public PeepholeLSTMCell withForgetBias(double value) {
        super.withForgetBias(value);
        return this;
    }

    /** One step with every intermediate value exposed. */
    @Override
    public Gates gates(Node x, State previous) {
        return gates(x, previous, peepholes);
    }

    /** The LSTM's four, then weight_ci, weight_cf, weight_co. */
    @Override
    public Parameters parameters() {
        return super.parameters().addVector("weight_ci", peepholes.ci()).addVector("weight_cf", peepholes.cf())
                .addVector("weight_co", peepholes.co());
    }
}
