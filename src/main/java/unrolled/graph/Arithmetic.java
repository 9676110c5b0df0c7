package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The linear ops: sums, products and rearrangements of matrices. */
final class Arithmetic {

    private Arithmetic() {}

    /** y = a + b; both gradients are g. */
    static final class Add extends Function {
        @Override public String name() { return "add"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireSame(name(), in[0], in[1]);
            DMatrixRMaj y = new DMatrixRMaj(in[0].numRows, in[0].numCols);
            CommonOps_DDRM.add(in[0], in[1], y);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], g);
            if (grads[1] != null) CommonOps_DDRM.addEquals(grads[1], g);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return linearCombination(t[0], 1, t[1], 1);
        }
    }

    /** y = a − b; the gradients are g and −g. */
    static final class Sub extends Function {
        @Override public String name() { return "sub"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireSame(name(), in[0], in[1]);
            DMatrixRMaj y = new DMatrixRMaj(in[0].numRows, in[0].numCols);
            CommonOps_DDRM.subtract(in[0], in[1], y);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], g);
            if (grads[1] != null) CommonOps_DDRM.subtractEquals(grads[1], g);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return linearCombination(t[0], 1, t[1], -1);
        }
    }

    /** y = a ∘ b (entry by entry); ∂L/∂a = g ∘ b, ∂L/∂b = g ∘ a. */
    static final class Mul extends Function {
        private DMatrixRMaj a;
        private DMatrixRMaj b;

        @Override public String name() { return "mul"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireSame(name(), in[0], in[1]);
            a = in[0];
            b = in[1];
            DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
            CommonOps_DDRM.elementMult(a, b, y);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            for (int i = 0; i < g.getNumElements(); i++) {
                if (grads[0] != null) grads[0].data[i] += g.data[i] * b.data[i];
                if (grads[1] != null) grads[1].data[i] += g.data[i] * a.data[i];
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            DMatrixRMaj da = t[0] == null ? null : CommonOps_DDRM.elementMult(t[0], b, null);
            DMatrixRMaj db = t[1] == null ? null : CommonOps_DDRM.elementMult(a, t[1], null);
            return linearCombination(da, 1, db, 1);
        }
    }

    /** y = s·a for a fixed number s; ∂L/∂a = s·g. */
    static final class Scale extends Function {
        private final double s;

        Scale(double s) {
            this.s = s;
        }

        @Override public String name() { return "scale"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            return scaled(s, in[0]);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], s, g);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : scaled(s, t[0]);
        }
    }

    /** Y = A·B; ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G. */
    static final class MatMul extends Function {
        private DMatrixRMaj a;
        private DMatrixRMaj b;

        @Override public String name() { return "matmul"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireMatmul(name(), in[0], in[1]);
            a = in[0];
            b = in[1];
            DMatrixRMaj y = new DMatrixRMaj(a.numRows, b.numCols);
            CommonOps_DDRM.mult(a, b, y);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.multAddTransB(g, b, grads[0]);
            if (grads[1] != null) CommonOps_DDRM.multAddTransA(a, g, grads[1]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            DMatrixRMaj da = t[0] == null ? null : CommonOps_DDRM.mult(t[0], b, null);
            DMatrixRMaj db = t[1] == null ? null : CommonOps_DDRM.mult(a, t[1], null);
            return linearCombination(da, 1, db, 1);
        }
    }

    /** Y = A + 1·b: the 1×m row b is added to every row of the n×m matrix A; ∂L/∂b = Σ over rows of G. */
    static final class AddBias extends Function {
        private int rows;

        @Override public String name() { return "addBias"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireBias(name(), in[0], in[1]);
            rows = in[0].numRows;
            return broadcastAdd(in[0], in[1]);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], g);
            if (grads[1] != null) {
                for (int i = 0; i < g.getNumElements(); i++) {
                    grads[1].data[i % g.numCols] += g.data[i];
                }
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            if (t[1] == null) {
                return t[0] == null ? null : t[0].copy();
            }
            return broadcastAdd(t[0] != null ? t[0] : new DMatrixRMaj(rows, t[1].numCols), t[1]);
        }

        private static DMatrixRMaj broadcastAdd(DMatrixRMaj a, DMatrixRMaj bias) {
            DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
            for (int i = 0; i < a.getNumElements(); i++) {
                y.data[i] = a.data[i] + bias.data[i % a.numCols];
            }
            return y;
        }
    }

    /** Y = Aᵀ; ∂L/∂A = Gᵀ. */
    static final class Transpose extends Function {
        @Override public String name() { return "transpose"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            return CommonOps_DDRM.transpose(in[0], null);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], CommonOps_DDRM.transpose(g, null));
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : CommonOps_DDRM.transpose(t[0], null);
        }
    }
}
