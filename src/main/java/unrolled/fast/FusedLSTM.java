package unrolled.fast;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import unrolled.fast.kernel.Activations;
import unrolled.fast.kernel.Gemm;
import unrolled.maths.Elementary;

/**
 * The LSTM cell ({@code unrolled.nn.LSTMCell}) over a whole sequence as one op (see {@link FusedRecurrence}). Per step, with a = the step's
 * rows of X·W_ihᵀ + b_ih + b_hh + h_{t−1}·W_hhᵀ: i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o),
 * c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t). Backward, with δh = ∂L/∂h_t (from above and from step t+1):
 * δc = δc_{t+1}·f_{t+1} + δh⊙o⊙(1 − tanh²c_t), then δa_i = δc⊙g⊙i(1−i), δa_f = δc⊙c_{t−1}⊙f(1−f),
 * δa_g = δc⊙i⊙(1−g²), δa_o = δh⊙tanh(c_t)⊙o(1−o), and ∂L/∂h_{t−1} = δa·W_hh.
 * Extra input: c_0. Output: h_1 … h_T, then c_T (B more rows).
 */
final class FusedLSTM extends FusedRecurrence {

    private DMatrixRMaj c0;
    /** i, f, g, o of every step after their nonlinearities, T·B × 4H. */
    private DMatrixRMaj gates;
    private double[] c;
    private double[] tanhC;

    FusedLSTM(int steps, int batch, int hidden) {
        super(steps, batch, hidden, 4);
    }

    @Override
    public String name() {
        return "fusedLSTM";
    }

    @Override
    protected DMatrixRMaj forward(DMatrixRMaj... in) {
        take(in);
        c0 = in[6];
        int h = hidden;
        gates = inputProjection(in[3], in[4]);
        Gemm.Packed wHhT = recurrentWeightsTransposed();
        out = new DMatrixRMaj((steps + 1) * batch, h);
        c = new double[steps * batch * h];
        tanhC = new double[steps * batch * h];
        double[] a = gates.data;
        for (int t = 0; t < steps; t++) {
            addRecurrentProjection(t, wHhT, gates);
            for (int r = 0; r < batch; r++) {
                int row = (t * batch + r) * width;
                int cell = (t * batch + r) * h;
                Activations.sigmoid(a, row, row + 2 * h);
                Activations.tanh(a, row + 2 * h, row + 3 * h);
                Activations.sigmoid(a, row + 3 * h, row + 4 * h);
                double[] cPrev = t == 0 ? c0.data : c;
                int prev = t == 0 ? r * h : cell - batch * h;
                for (int j = 0; j < h; j++) {
                    c[cell + j] = a[row + h + j] * cPrev[prev + j] + a[row + j] * a[row + 2 * h + j];
                }
                System.arraycopy(c, cell, tanhC, cell, h);
                Activations.tanh(tanhC, cell, cell + h);
                for (int j = 0; j < h; j++) {
                    out.data[cell + j] = a[row + 3 * h + j] * tanhC[cell + j];
                }
            }
        }
        System.arraycopy(c, (steps - 1) * batch * h, out.data, steps * batch * h, batch * h);
        return out;
    }

    @Override
    protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
        int h = hidden;
        DMatrixRMaj dA = new DMatrixRMaj(steps * batch, width);
        double[] da = dA.data;
        double[] a = gates.data;
        double[] dh = new double[batch * h];
        Gemm.Packed wHhPacked = recurrentWeights();
        double[] dc = Arrays.copyOfRange(g.data, steps * batch * h, (steps + 1) * batch * h);
        for (int t = steps - 1; t >= 0; t--) {
            for (int r = 0; r < batch; r++) {
                int row = (t * batch + r) * width;
                int cell = (t * batch + r) * h;
                for (int j = 0; j < h; j++) {
                    int s = r * h + j;
                    double i = a[row + j];
                    double f = a[row + h + j];
                    double gg = a[row + 2 * h + j];
                    double o = a[row + 3 * h + j];
                    double tc = tanhC[cell + j];
                    double cPrev = t == 0 ? c0.data[s] : c[cell - batch * h + j];
                    double dhv = g.data[cell + j] + dh[s];
                    double dcv = dc[s] + dhv * o * Elementary.tanhDerivative(tc);
                    da[row + j] = dcv * gg * i * (1 - i);
                    da[row + h + j] = dcv * cPrev * f * (1 - f);
                    da[row + 2 * h + j] = dcv * i * Elementary.tanhDerivative(gg);
                    da[row + 3 * h + j] = dhv * tc * o * (1 - o);
                    dc[s] = dcv * f;
                }
            }
            Arrays.fill(dh, 0);
            addRecurrentGradient(t, dA, wHhPacked, dh);
        }
        accumulateGradients(dA, dA, grads);
        addTo(grads[5], dh);
        addTo(grads[6], dc);
    }

    static void addTo(DMatrixRMaj grad, double[] values) {
        if (grad != null) {
            for (int k = 0; k < values.length; k++) {
                grad.data[k] += values[k];
            }
        }
    }
}
