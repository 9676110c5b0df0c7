package unrolled.analysis;

import static org.ejml.dense.row.CommonOps_DDRM.addEquals;
import static org.ejml.dense.row.CommonOps_DDRM.elementMult;
import static org.ejml.dense.row.CommonOps_DDRM.mult;
import static org.ejml.dense.row.CommonOps_DDRM.multAdd;
import static org.ejml.dense.row.CommonOps_DDRM.multAddTransA;
import static org.ejml.dense.row.CommonOps_DDRM.multAddTransB;
import static org.ejml.dense.row.CommonOps_DDRM.multTransB;
import static org.ejml.dense.row.CommonOps_DDRM.sumCols;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.maths.Elementary;
import unrolled.nn.Nonlinearity;
import unrolled.nn.Dense;
import unrolled.nn.ElmanCell;
import unrolled.nn.Parameters;

/**
 * Backpropagation through time written out by hand for an Elman RNN with a dense output layer: article 4's formulas
 * and article 3's derivation in plain EJML, no computation graph, to read beside autodiff and check it.
 *
 * <h2>The model</h2>
 * <pre>
 *   a_t = x_t·W_hxᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh        h_0 = 0
 *   h_t = φ(a_t)                                        φ = tanh (article 3's s_t), or relu, identity, sigmoid
 *   o_t = h_t·W_qhᵀ + b_q                                the logits of a softmax, or a regression output
 *   L   = Σ_t L_t(o_t)                                   a {@link LossSummedOverTime}: summed over time, averaged over the batch
 * </pre>
 * W_hx is the cell's weight_ih (article 3's U), W_hh its weight_hh (W), W_qh the {@link Dense} weight (V).
 *
 * <h2>Layout</h2>
 * The articles use column vectors, h_t = φ(W_hx x_t + W_hh h_{t−1} + b). Here a matrix is batch × features, one example
 * per row, so every product appears transposed: W x becomes x·Wᵀ, and the articles' Σ_t ∂L/∂h_t x_tᵀ (a column times a
 * row) becomes Σ_t δ_tᵀ·x_t, an (H × B)(B × I) product that also sums over the examples of the batch.
 *
 * <h2>Backward, for t = T down to 1</h2>
 * <pre>
 *   ∂L/∂h_t  = ∂L/∂o_t·W_qh + δ_{t+1}·W_hh                    δ_{T+1} = 0
 *   δ_t      = ∂L/∂a_t = ∂L/∂h_t ⊙ φ′(a_t)                    φ′ = 1 − h_t² for tanh
 *   ∂L/∂W_qh = Σ_t (∂L/∂o_t)ᵀ·h_t        ∂L/∂b_q  = Σ_t Σ_rows ∂L/∂o_t
 *   ∂L/∂W_hx = Σ_t δ_tᵀ·x_t              ∂L/∂b_ih = ∂L/∂b_hh = Σ_t Σ_rows δ_t
 *   ∂L/∂W_hh = Σ_t δ_tᵀ·h_{t−1}
 * </pre>
 * In column form the recursion is article 4's ∂L/∂h_t = W_hhᵀ ∂L/∂h_{t+1} + W_qhᵀ ∂L/∂o_t with the tanh factor put in:
 * ∂L/∂h_t = W_hhᵀ diag(1 − h_{t+1}²) ∂L/∂h_{t+1} + W_qhᵀ ∂L/∂o_t. Article 4 (d2l) states it for a linear hidden
 * layer, φ′ = 1, where δ_t = ∂L/∂h_t and its ∂L/∂W_hx = Σ_t ∂L/∂h_t x_tᵀ holds as written. Unrolled, the recursion
 * multiplies T − t factors diag(φ′)·W_hh: the products that vanish or explode ({@link GradientFlow}).
 *
 * <p>The elementary functions and their derivatives (σ, σ′ = h(1 − h), tanh′ = 1 − h², relu′) are
 * {@link Elementary}'s, the same ones the graph's ops and the fused layers call. The parameters are read from the
 * cell's and the layer's own nodes (typed accessors, not names) at every {@link #run}, so the same nodes can
 * be unrolled in a graph and differentiated by {@code backward()} for comparison.
 */
public final class ElmanBptt {

    /**
     * What one forward and backward pass gives, steps t = 1 … T at list index t − 1.
     *
     * @param loss      L = Σ_t L_t
     * @param h         the hidden states h_t (batch × H)
     * @param o         the outputs o_t (batch × Q)
     * @param dLdh      ∂L/∂h_t (batch × H), the total over every path, as {@code h_t.grad()} after backward()
     * @param gradients ∂L/∂θ under the names of {@link #parameters(ElmanCell, Dense)}
     */
    public record Result(double loss, List<DMatrixRMaj> h, List<DMatrixRMaj> o, List<DMatrixRMaj> dLdh,
                         Map<String, DMatrixRMaj> gradients) {

        /** ∂L/∂θ for a parameter name such as "weight_hh" or "fc.weight"; the error lists the names there are. */
        public DMatrixRMaj gradient(String name) {
            DMatrixRMaj g = gradients.get(name);
            if (g == null) {
                throw new IllegalArgumentException("ElmanBptt: no gradient named " + name + "; have "
                        + gradients.keySet());
            }
            return g;
        }

        /** ‖∂L/∂h_t‖ for t = 1 … T (Frobenius norm over the batch). */
        public double[] dLdhNorms() {
            return GradientFlow.frobeniusNorms(dLdh);
        }
    }

    private final Nonlinearity phi;
    private final Node weightIh;
    private final Node weightHh;
    private final Node biasIh;
    private final Node biasHh;
    private final Node weightOut;
    private final Node biasOut;

    /** BPTT for this cell with this output layer on every h_t; the layer's input width must be the hidden size. */
    public ElmanBptt(ElmanCell cell, Dense output) {
        if (output.inputSize() != cell.hiddenSize()) {
            throw new IllegalArgumentException("ElmanBptt: the output layer takes width " + output.inputSize()
                    + " but the cell's hidden size is " + cell.hiddenSize());
        }
        this.phi = cell.activation();
        this.weightIh = cell.weightIh();
        this.weightHh = cell.weightHh();
        this.biasIh = cell.biasIh();
        this.biasHh = cell.biasHh();
        this.weightOut = output.weight();
        this.biasOut = output.bias();
        if (biasOut != null && (biasOut.rows() != 1 || biasOut.cols() != output.outputSize())) {
            throw new IllegalArgumentException("ElmanBptt: the output layer's bias must be 1×" + output.outputSize()
                    + ", got " + biasOut.rows() + "×" + biasOut.cols());
        }
    }

    /** The parameters BPTT differentiates, under the names of {@link Result#gradients()}: the cell's, then "fc.". */
    public static Parameters parameters(ElmanCell cell, Dense output) {
        return new Parameters().addAll("", cell.parameters()).addAll("fc.", output.parameters());
    }

    /** The forward pass from h_0 = 0 over inputs x_1 … x_T (each batch × I), then the backward recursion. */
    public Result run(List<Node> inputs, LossSummedOverTime loss) {
        DMatrixRMaj[] x = requireInputs(inputs);
        int T = inputs.size();
        int B = x[1].numRows;
        int H = weightHh.rows();
        DMatrixRMaj W_hx = weightIh.value();
        DMatrixRMaj W_hh = weightHh.value();
        DMatrixRMaj W_qh = weightOut.value();

        // Forward: keep h_t and o_t for the backward pass.
        DMatrixRMaj[] h = new DMatrixRMaj[T + 1];
        DMatrixRMaj[] o = new DMatrixRMaj[T + 1];
        h[0] = new DMatrixRMaj(B, H);
        double L = 0;
        for (int t = 1; t <= T; t++) {
            DMatrixRMaj a = new DMatrixRMaj(B, H);
            multTransB(x[t], W_hx, a);
            multAddTransB(h[t - 1], W_hh, a);
            addToEveryRow(a, biasIh);
            addToEveryRow(a, biasHh);
            h[t] = apply(phi, a);
            o[t] = new DMatrixRMaj(B, W_qh.numRows);
            multTransB(h[t], W_qh, o[t]);
            addToEveryRow(o[t], biasOut);
            L += loss.value(t, T, o[t]);
        }

        // Backward: t = T … 1.
        DMatrixRMaj[] dL_dh = new DMatrixRMaj[T + 1];
        DMatrixRMaj dW_qh = new DMatrixRMaj(W_qh.numRows, W_qh.numCols);
        DMatrixRMaj db_q = new DMatrixRMaj(1, W_qh.numRows);
        DMatrixRMaj dW_hx = new DMatrixRMaj(W_hx.numRows, W_hx.numCols);
        DMatrixRMaj dW_hh = new DMatrixRMaj(H, H);
        DMatrixRMaj db_h = new DMatrixRMaj(1, H);
        DMatrixRMaj delta_next = new DMatrixRMaj(B, H);              // δ_{T+1} = 0
        for (int t = T; t >= 1; t--) {
            DMatrixRMaj dL_do = loss.gradient(t, T, o[t]);
            dL_dh[t] = new DMatrixRMaj(B, H);
            mult(dL_do, W_qh, dL_dh[t]);                              // ∂L/∂o_t·W_qh
            multAdd(delta_next, W_hh, dL_dh[t]);                      //   + δ_{t+1}·W_hh
            DMatrixRMaj delta = derivative(phi, h[t]);
            elementMult(delta, dL_dh[t]);                             // δ_t = ∂L/∂h_t ⊙ φ′(a_t)
            multAddTransA(dL_do, h[t], dW_qh);                        // ∂L/∂W_qh += (∂L/∂o_t)ᵀ·h_t
            addEquals(db_q, sumCols(dL_do, null));                   // ∂L/∂b_q += Σ_rows ∂L/∂o_t
            multAddTransA(delta, x[t], dW_hx);                        // ∂L/∂W_hx += δ_tᵀ·x_t
            multAddTransA(delta, h[t - 1], dW_hh);                    // ∂L/∂W_hh += δ_tᵀ·h_{t−1}
            addEquals(db_h, sumCols(delta, null));                   // ∂L/∂b_h += Σ_rows δ_t
            delta_next = delta;
        }

        Map<String, DMatrixRMaj> gradients = new LinkedHashMap<>();
        gradients.put("weight_ih", dW_hx);
        gradients.put("weight_hh", dW_hh);
        if (biasIh != null) gradients.put("bias_ih", db_h.copy());
        if (biasHh != null) gradients.put("bias_hh", db_h.copy());
        gradients.put("fc.weight", dW_qh);
        if (biasOut != null) gradients.put("fc.bias", db_q);
        return new Result(L, fromStep1(h), fromStep1(o), fromStep1(dL_dh), gradients);
    }

    /** The inputs as x[1] … x[T], checked: not empty, width I, the same batch at every step. */
    private DMatrixRMaj[] requireInputs(List<Node> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("ElmanBptt: empty sequence; need at least one time step");
        }
        DMatrixRMaj[] x = new DMatrixRMaj[inputs.size() + 1];
        for (int t = 1; t <= inputs.size(); t++) {
            x[t] = inputs.get(t - 1).value();
            if (x[t].numCols != weightIh.cols()) {
                throw new IllegalArgumentException("ElmanBptt: expected input of width " + weightIh.cols()
                        + ", got " + x[t].numCols + " at step " + t);
            }
            if (x[t].numRows != x[1].numRows) {
                throw new IllegalArgumentException("ElmanBptt: step " + t + " has a batch of " + x[t].numRows
                        + " rows but step 1 has " + x[1].numRows);
            }
        }
        return x;
    }

    /** m += 1·b, the 1 × n bias added to every row; nothing for a null bias. */
    private static void addToEveryRow(DMatrixRMaj m, Node bias) {
        if (bias == null) {
            return;
        }
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] += bias.value().data[i % m.numCols];
        }
    }

    /** φ(a) entry by entry. */
    private static DMatrixRMaj apply(Nonlinearity phi, DMatrixRMaj a) {
        DMatrixRMaj h = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < a.getNumElements(); i++) {
            double v = a.data[i];
            h.data[i] = switch (phi) {
                case TANH -> Math.tanh(v);
                case RELU -> v > 0 ? v : 0;
                case IDENTITY -> v;
                case SIGMOID -> Elementary.sigmoid(v);
                default -> throw unsupported(phi);
            };
        }
        return h;
    }

    /** φ′(a) written with h = φ(a): 1 − h² (tanh), [h > 0] (relu), 1 (identity), h(1 − h) (sigmoid). */
    private static DMatrixRMaj derivative(Nonlinearity phi, DMatrixRMaj h) {
        DMatrixRMaj d = new DMatrixRMaj(h.numRows, h.numCols);
        for (int i = 0; i < h.getNumElements(); i++) {
            double v = h.data[i];
            d.data[i] = switch (phi) {
                case TANH -> Elementary.tanhDerivative(v);
                case RELU -> Elementary.reluDerivative(v);
                case IDENTITY -> 1;
                case SIGMOID -> Elementary.sigmoidDerivative(v);
                default -> throw unsupported(phi);
            };
        }
        return d;
    }

    private static IllegalArgumentException unsupported(Nonlinearity phi) {
        return new IllegalArgumentException("ElmanBptt: no hand-written derivative for activation " + phi);
    }

    private static List<DMatrixRMaj> fromStep1(DMatrixRMaj[] steps) {
        return List.copyOf(Arrays.asList(steps).subList(1, steps.length));
    }

    @Override
    public String toString() {
        return "ElmanBptt(" + weightIh.cols() + " → " + weightHh.rows() + " → " + weightOut.rows() + ", "
                + phi.name().toLowerCase() + ")";
    }
}
