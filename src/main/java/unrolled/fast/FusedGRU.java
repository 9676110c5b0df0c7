package unrolled.fast;

import org.ejml.data.DMatrixRMaj;
import unrolled.fast.kernel.Activations;
import unrolled.fast.kernel.Gemm;
import unrolled.maths.Elementary;

/**
 * The GRU cell ({@code unrolled.nn.GRUCell}) in PyTorch's form over a whole sequence as one op (see {@link FusedRecurrence}). Per step, with
 * a = X·W_ihᵀ + b_ih and b = h_{t−1}·W_hhᵀ + b_hh split into (r, z, n) blocks: r = σ(a_r + b_r), z = σ(a_z + b_z),
 * n = tanh(a_n + r⊙b_n), h_t = (1 − z)⊙n + z⊙h_{t−1}. Backward, with δh = ∂L/∂h_t: δa_n = δh⊙(1−z)⊙(1−n²),
 * δa_z = δh⊙(h_{t−1} − n)⊙z(1−z), δa_r = δa_n⊙b_n⊙r(1−r); the recurrent side gets the same except δb_n = δa_n⊙r;
 * ∂L/∂h_{t−1} = δh⊙z + δb·W_hh.
 */
final class FusedGRU extends FusedRecurrence {

    /** r, z, n of every step after their nonlinearities, T·B × 3H. */
    private DMatrixRMaj gates;
    /** h_{t−1}·W_hhᵀ + b_hh of every step, T·B × 3H (its n block is needed by backward). */
    private DMatrixRMaj recurrent;

    FusedGRU(int steps, int batch, int hidden) {
        super(steps, batch, hidden, 3);
    }

    @Override
    public String name() {
        return "fusedGRU";
    }

    @Override
    protected DMatrixRMaj forward(DMatrixRMaj... in) {
        take(in);
        int h = hidden;
        gates = inputProjection(in[3], null);
        recurrent = rowsOf(steps * batch, in[4], null);
        Gemm.Packed wHhT = recurrentWeightsTransposed();
        out = new DMatrixRMaj(steps * batch, h);
        double[] a = gates.data;
        double[] b = recurrent.data;
        for (int t = 0; t < steps; t++) {
            addRecurrentProjection(t, wHhT, recurrent);
            double[] prev = previousArray(t);
            int prevOffset = previousOffset(t);
            for (int r = 0; r < batch; r++) {
                int row = (t * batch + r) * width;
                int cell = (t * batch + r) * h;
                for (int j = 0; j < 2 * h; j++) {
                    a[row + j] += b[row + j];
                }
                Activations.sigmoid(a, row, row + 2 * h);
                for (int j = 0; j < h; j++) {
                    a[row + 2 * h + j] += a[row + j] * b[row + 2 * h + j];
                }
                Activations.tanh(a, row + 2 * h, row + 3 * h);
                for (int j = 0; j < h; j++) {
                    double z = a[row + h + j];
                    out.data[cell + j] = (1 - z) * a[row + 2 * h + j] + z * prev[prevOffset + r * h + j];
                }
            }
        }
        return out;
    }

    @Override
    protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
        int h = hidden;
        DMatrixRMaj dA = new DMatrixRMaj(steps * batch, width);
        DMatrixRMaj dB = new DMatrixRMaj(steps * batch, width);
        double[] a = gates.data;
        double[] b = recurrent.data;
        double[] dh = new double[batch * h];
        Gemm.Packed wHhPacked = recurrentWeights();
        for (int t = steps - 1; t >= 0; t--) {
            double[] prev = previousArray(t);
            int prevOffset = previousOffset(t);
            for (int r = 0; r < batch; r++) {
                int row = (t * batch + r) * width;
                int cell = (t * batch + r) * h;
                for (int j = 0; j < h; j++) {
                    int s = r * h + j;
                    double rv = a[row + j];
                    double z = a[row + h + j];
                    double n = a[row + 2 * h + j];
                    double dhv = g.data[cell + j] + dh[s];
                    double dan = dhv * (1 - z) * Elementary.tanhDerivative(n);
                    double daz = dhv * (prev[prevOffset + s] - n) * z * (1 - z);
                    double dar = dan * b[row + 2 * h + j] * rv * (1 - rv);
                    dA.data[row + j] = dar;
                    dA.data[row + h + j] = daz;
                    dA.data[row + 2 * h + j] = dan;
                    dB.data[row + j] = dar;
                    dB.data[row + h + j] = daz;
                    dB.data[row + 2 * h + j] = dan * rv;
                    dh[s] = dhv * z;
                }
            }
            addRecurrentGradient(t, dB, wHhPacked, dh);
        }
        accumulateGradients(dA, dB, grads);
        FusedLSTM.addTo(grads[5], dh);
    }
}
