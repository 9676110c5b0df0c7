package unrolled.fast;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import unrolled.calculus.ForwardMode;
import unrolled.fast.kernel.Gemm;
import unrolled.graph.Function;
import unrolled.graph.Node;

/**
 * A whole recurrent layer over a whole sequence as one graph op: the fast path behind {@code unrolled.nn.Recurrent},
 * as PyTorch's nn.LSTM is behind its LSTMCell (made by {@link Fused}). The numbers are those of the composed cell (tested to 1e−10); what
 * changes is the bookkeeping:
 * <ul>
 *   <li>the input projection X·W_ihᵀ + b of all T steps is one matrix product (T·B × G·H);</li>
 *   <li>each step then adds h_{t−1}·W_hhᵀ into its rows in place (W_hhᵀ packed once for all steps, see
 *       {@link Gemm.Packed}) and applies the gates without allocating;</li>
 *   <li>backward runs the step recursion, then forms ∂L/∂W_ih = ΔAᵀ·X, ∂L/∂W_hh = ΔA_hᵀ·[h_0; …; h_{T−1}] and the
 *       bias gradients (column sums) together as one big product instead of T small ones each.</li>
 * </ul>
 * Inputs, in order: X (the T steps stacked, T·B × I), W_ih (G·H × I), W_hh (G·H × H), b_ih and b_hh (1 × G·H),
 * h_0 (B × H) and, for cells with a cell state, c_0 (B × H). The output stacks h_1 … h_T (T·B × H); subclasses may
 * append rows (the LSTM appends c_T). G is the number of gate blocks: 1 for an Elman cell, 3 for a GRU, 4 for an LSTM.
 * Forward-mode tangents are those of the {@link Fused.Composed} cells on the same inputs (built once, on the first
 * tangent asked for).
 */
abstract class FusedRecurrence extends Function {

    protected final int steps;
    protected final int batch;
    protected final int hidden;
    protected final int width;
    protected DMatrixRMaj x;
    protected DMatrixRMaj wIh;
    protected DMatrixRMaj wHh;
    protected DMatrixRMaj h0;
    /** h_1 … h_T stacked (and any appended rows): the op's value. */
    protected DMatrixRMaj out;
    /** The same layer from graph ops, its input nodes, and the node it gives (built on the first tangent). */
    private Fused.Composed composed;
    private List<Node> arguments;
    private Node composedValue;

    FusedRecurrence(int steps, int batch, int hidden, int gates) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.width = gates * hidden;
    }

    /** Remembers how to compose this layer from graph ops on the op's own input nodes, for {@link #tangent}. */
    void composedBy(Fused.Composed composed, List<Node> arguments) {
        this.composed = composed;
        this.arguments = List.copyOf(arguments);
    }

    /** Keeps the inputs every cell has and checks that they fit together. */
    protected void take(DMatrixRMaj... in) {
        x = in[0];
        wIh = in[1];
        wHh = in[2];
        h0 = in[5];
        if (x.numRows != steps * batch || wIh.numRows != width || wIh.numCols != x.numCols
                || wHh.numRows != width || wHh.numCols != hidden || h0.numRows != batch || h0.numCols != hidden) {
            throw new IllegalArgumentException(name() + ": inputs do not fit T=" + steps + ", B=" + batch + ", H="
                    + hidden + ": X " + shape(x) + ", W_ih " + shape(wIh) + ", W_hh " + shape(wHh) + ", h0 " + shape(h0));
        }
    }

    private static String shape(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    /** X·W_ihᵀ + 1·(b₁ + b₂) for all steps at once (b₂ may be null): T·B × G·H. */
    protected DMatrixRMaj inputProjection(DMatrixRMaj b1, DMatrixRMaj b2) {
        DMatrixRMaj a = rowsOf(steps * batch, b1, b2);
        Gemm.multAddTransB(x, wIh, a);
        return a;
    }

    /** A rows × G·H matrix whose every row is b₁ + b₂ (b₂ may be null). */
    protected static DMatrixRMaj rowsOf(int rows, DMatrixRMaj b1, DMatrixRMaj b2) {
        double[] bias = b1.data.clone();
        for (int j = 0; b2 != null && j < bias.length; j++) {
            bias[j] += b2.data[j];
        }
        DMatrixRMaj a = new DMatrixRMaj(rows, bias.length);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, a.data, r * bias.length, bias.length);
        }
        return a;
    }

    /** Where h_{t−1} lives: h_0 for the first step, else the previous rows of the output. */
    protected double[] previousArray(int t) {
        return t == 0 ? h0.data : out.data;
    }

    protected int previousOffset(int t) {
        return t == 0 ? 0 : (t - 1) * batch * hidden;
    }

    /** W_hhᵀ packed once for the T products of forward. */
    protected Gemm.Packed recurrentWeightsTransposed() {
        return Gemm.packTransposed(wHh);
    }

    /** W_hh packed once for the T products of backward. */
    protected Gemm.Packed recurrentWeights() {
        return Gemm.pack(wHh);
    }

    /** h_{t−1}·W_hhᵀ added into rows t·B … t·B + B − 1 of {@code target} (T·B × G·H). */
    protected void addRecurrentProjection(int t, Gemm.Packed wHhTransposed, DMatrixRMaj target) {
        Gemm.multAdd(previousArray(t), previousOffset(t), batch, wHhTransposed, target.data, t * batch * width);
    }

    /** ∂L/∂h_{t−1} += ΔA_t·W_hh for the step's rows of ΔA (T·B × G·H); {@code dh} is B × H. */
    protected void addRecurrentGradient(int t, DMatrixRMaj dHidden, Gemm.Packed wHhPacked, double[] dh) {
        Gemm.multAdd(dHidden.data, t * batch * width, batch, wHhPacked, dh, 0);
    }

    /**
     * The parameter and input gradients from the pre-activation gradients: ΔA of the input projection and ΔA_h of
     * the recurrent one (the same matrix for Elman and LSTM cells; they differ for the GRU's candidate block).
     * grads: [X, W_ih, W_hh, b_ih, b_hh, h_0, …], each null when that input needs no gradient.
     */
    protected void accumulateGradients(DMatrixRMaj dInput, DMatrixRMaj dHidden, DMatrixRMaj[] grads) {
        if (grads[0] != null) Gemm.multAdd(dInput, wIh, grads[0]);
        if (dInput == dHidden) {
            addWeightGradients(dInput, grads[1], grads[2], grads[3], grads[4]);
        } else {
            addWeightGradients(dInput, grads[1], null, grads[3], null);
            addWeightGradients(dHidden, null, grads[2], null, grads[4]);
        }
    }

    /**
     * ∂W_ih += ΔᵀX, ∂W_hh += Δᵀ·[h_0; …; h_{T−1}] and each bias += the column sums of Δ, as the one product
     * Δᵀ·[X | h_{t−1} | 1] (a bias is the weight of a constant input 1), so that Δ, the largest matrix, is read once.
     * Null targets are left out of the product.
     */
    private void addWeightGradients(DMatrixRMaj delta, DMatrixRMaj dWih, DMatrixRMaj dWhh, DMatrixRMaj dBih,
                                    DMatrixRMaj dBhh) {
        int inputs = dWih == null ? 0 : x.numCols;
        int states = dWhh == null ? 0 : hidden;
        int ones = dBih == null && dBhh == null ? 0 : 1;
        int cols = inputs + states + ones;
        if (cols == 0) {
            return;
        }
        DMatrixRMaj z = new DMatrixRMaj(steps * batch, cols);
        for (int row = 0; row < steps * batch; row++) {
            System.arraycopy(x.data, row * inputs, z.data, row * cols, inputs);
            System.arraycopy(row < batch ? h0.data : out.data, (row < batch ? row : row - batch) * hidden, z.data,
                    row * cols + inputs, states);
            if (ones == 1) z.data[row * cols + cols - 1] = 1;
        }
        DMatrixRMaj g = new DMatrixRMaj(width, cols);
        Gemm.multAddTransA(delta, z, g);
        for (int r = 0; r < width; r++) {
            for (int j = 0; j < inputs; j++) {
                dWih.data[r * inputs + j] += g.data[r * cols + j];
            }
            for (int j = 0; j < states; j++) {
                dWhh.data[r * states + j] += g.data[r * cols + inputs + j];
            }
            if (dBih != null) dBih.data[r] += g.data[r * cols + cols - 1];
            if (dBhh != null) dBhh.data[r] += g.data[r * cols + cols - 1];
        }
    }

    /**
     * ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ, pushed by forward mode through the composed cells on the op's own input nodes (the same
     * maths as the fused forward pass, op by op), so a fused model has the tangents of the composed one.
     */
    @Override
    protected DMatrixRMaj tangent(DMatrixRMaj[] inputTangents) {
        if (composed == null) {
            throw new UnsupportedOperationException(name() + ": forward mode needs the composed form of the layer;"
                    + " make fused layers with unrolled.fast.Fused, or build the model with .fused(false)");
        }
        Map<Node, DMatrixRMaj> moving = new IdentityHashMap<>();
        for (int i = 0; i < inputTangents.length; i++) {
            if (inputTangents[i] != null) {
                moving.put(arguments.get(i), inputTangents[i]);
            }
        }
        if (moving.isEmpty()) {
            return null;
        }
        if (composedValue == null) {
            if (Node.isNoGrad()) {
                throw new IllegalStateException(name() + ": forward mode builds the composed layer as a graph;"
                        + " close noGrad() first");
            }
            composedValue = composed.unroll(arguments.get(0), arguments.get(5),
                    arguments.size() > 6 ? arguments.get(6) : null);
        }
        return ForwardMode.tangent(composedValue, moving);
    }
}
