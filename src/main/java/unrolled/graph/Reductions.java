package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import unrolled.maths.Elementary;

/** Ops that combine many entries: sum, mean and the row-wise softmax. */
final class Reductions {

    private Reductions() {}

    /** y = Σᵢⱼ aᵢⱼ (1×1); every entry of ∂L/∂a is g, scaled by {@code factor} (1 for sum, 1/N for mean). */
    static final class Sum extends Function {
        private final boolean mean;
        private double factor;

        Sum(boolean mean) {
            this.mean = mean;
        }

        @Override public String name() { return mean ? "mean" : "sum"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireNonEmpty(name(), in[0]);
            factor = mean ? 1.0 / in[0].getNumElements() : 1.0;
            return Tensors.scalar(factor * CommonOps_DDRM.elementSum(in[0]));
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.add(grads[0], factor * g.data[0]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : Tensors.scalar(factor * CommonOps_DDRM.elementSum(t[0]));
        }
    }

    /**
     * Softmax of every row: yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m) with m = maxⱼ xⱼ (the shift changes nothing but
     * keeps exp from overflowing). Its Jacobian is ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so ∂L/∂xᵢ = yᵢ(gᵢ − Σⱼ gⱼyⱼ).
     */
    static final class Softmax extends Function {
        private DMatrixRMaj y;

        @Override public String name() { return "softmax"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireNonEmpty(name(), in[0]);
            y = rowSoftmax(in[0]);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) addJacobianProduct(g, grads[0]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            if (t[0] == null) {
                return null;
            }
            DMatrixRMaj dy = new DMatrixRMaj(y.numRows, y.numCols);
            addJacobianProduct(t[0], dy);
            return dy;
        }

        /** out += J·v row by row; J is symmetric, so this serves both directions. */
        private void addJacobianProduct(DMatrixRMaj v, DMatrixRMaj out) {
            int cols = y.numCols;
            for (int r = 0; r < y.numRows; r++) {
                int start = r * cols;
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += v.data[start + c] * y.data[start + c];
                }
                for (int c = 0; c < cols; c++) {
                    out.data[start + c] += y.data[start + c] * (v.data[start + c] - dot);
                }
            }
        }
    }

    /** The softmax of every row of x, computed stably by {@link Elementary#softmax} (shifted by the row maximum). */
    private static DMatrixRMaj rowSoftmax(DMatrixRMaj x) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int r = 0; r < x.numRows; r++) {
            Elementary.softmax(x.data, r * x.numCols, x.numCols, 1.0, y.data, r * x.numCols);
        }
        return y;
    }
}
