package unrolled.fast;

import org.ejml.data.DMatrixRMaj;
import unrolled.fast.kernel.Activations;
import unrolled.fast.kernel.Gemm;
import unrolled.maths.Elementary;

/**
 * The Elman cell (tanh or relu) over a whole sequence as one op (see {@link FusedRecurrence}):
 * h_t = φ(a_t) with a_t = x_t·W_ihᵀ + b_ih + b_hh + h_{t−1}·W_hhᵀ. Backward: δa_t = (∂L/∂h_t)⊙φ′(a_t) with
 * tanh′ = 1 − h_t² and relu′ = [h_t &gt; 0] ({@link Elementary}), and ∂L/∂h_{t−1} = δa_t·W_hh.
 */
final class FusedElman extends FusedRecurrence {

    private final boolean relu;

    /** φ = relu when {@code relu}, else tanh. */
    FusedElman(int steps, int batch, int hidden, boolean relu) {
        super(steps, batch, hidden, 1);
        this.relu = relu;
    }

    @Override
    public String name() {
        return relu ? "fusedRNN(relu)" : "fusedRNN(tanh)";
    }

    @Override
    protected DMatrixRMaj forward(DMatrixRMaj... in) {
        take(in);
        out = inputProjection(in[3], in[4]);
        Gemm.Packed wHhT = recurrentWeightsTransposed();
        double[] a = out.data;
        for (int t = 0; t < steps; t++) {
            addRecurrentProjection(t, wHhT, out);
            int start = t * batch * hidden;
            int end = start + batch * hidden;
            if (relu) {
                for (int k = start; k < end; k++) {
                    a[k] = Math.max(0, a[k]);
                }
            } else {
                Activations.tanh(a, start, end);
            }
        }
        return out;
    }

    @Override
    protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
        DMatrixRMaj dA = new DMatrixRMaj(steps * batch, hidden);
        double[] h = out.data;
        double[] dh = new double[batch * hidden];
        Gemm.Packed wHhPacked = recurrentWeights();
        for (int t = steps - 1; t >= 0; t--) {
            int start = t * batch * hidden;
            for (int s = 0; s < batch * hidden; s++) {
                double hv = h[start + s];
                double derivative = relu ? Elementary.reluDerivative(hv) : Elementary.tanhDerivative(hv);
                dA.data[start + s] = (g.data[start + s] + dh[s]) * derivative;
            }
            java.util.Arrays.fill(dh, 0);
            addRecurrentGradient(t, dA, wHhPacked, dh);
        }
        accumulateGradients(dA, dA, grads);
        FusedLSTM.addTo(grads[5], dh);
    }
}
