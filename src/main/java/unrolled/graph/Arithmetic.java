package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import unrolled.fast.kernel.Gemm;

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

    /** y = a ⊙ b (entry by entry); ∂L/∂a = g ⊙ b, ∂L/∂b = g ⊙ a. */
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
            Gemm.mult(a, b, y);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) Gemm.multAddTransB(g, b, grads[0]);
            if (grads[1] != null) Gemm.multAddTransA(a, g, grads[1]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            DMatrixRMaj da = t[0] == null ? null : CommonOps_DDRM.mult(t[0], b, null);
            DMatrixRMaj db = t[1] == null ? null : CommonOps_DDRM.mult(a, t[1], null);
            return linearCombination(da, 1, db, 1);
        }
    }

    /**
     * Y = X·Wᵀ + 1·b, a dense layer with W stored (out × in) as PyTorch does; the bias is optional.
     * ∂L/∂X = G·W, ∂L/∂W = Gᵀ·X, ∂L/∂b = Σ over rows of G.
     */
    static final class Linear extends Function {
        private DMatrixRMaj x;
        private DMatrixRMaj w;
        private final boolean hasBias;

        Linear(boolean hasBias) {
            this.hasBias = hasBias;
        }

        @Override public String name() { return "linear"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            x = in[0];
            w = in[1];
            if (x.numCols != w.numCols) {
                throw new ShapeException("linear: input " + Shapes.of(x) + " needs " + w.numCols
                        + " columns to match the weight " + Shapes.of(w) + " (out × in), got " + x.numCols);
            }
            DMatrixRMaj y = new DMatrixRMaj(x.numRows, w.numRows);
            Gemm.multTransB(x, w, y);
            if (hasBias) {
                Shapes.requireBias(name(), y, in[2]);
                AddBias.addRowToEveryRow(y, in[2]);
            }
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) Gemm.multAdd(g, w, grads[0]);
            if (grads[1] != null) Gemm.multAddTransA(g, x, grads[1]);
            if (hasBias && grads[2] != null) AddBias.addColumnSums(g, grads[2]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            DMatrixRMaj dx = t[0] == null ? null : new DMatrixRMaj(x.numRows, w.numRows);
            if (dx != null) CommonOps_DDRM.multTransB(t[0], w, dx);
            DMatrixRMaj dw = t[1] == null ? null : new DMatrixRMaj(x.numRows, w.numRows);
            if (dw != null) CommonOps_DDRM.multTransB(x, t[1], dw);
            DMatrixRMaj dy = linearCombination(dx, 1, dw, 1);
            if (hasBias && t[2] != null) {
                if (dy == null) dy = new DMatrixRMaj(x.numRows, w.numRows);
                AddBias.addRowToEveryRow(dy, t[2]);
            }
            return dy;
        }
    }

    /** Y = A + 1·b: the 1×m row b is added to every row of the n×m matrix A; ∂L/∂b = Σ over rows of G. */
    static final class AddBias extends Function {
        private int rows;

        @Override public String name() { return "addBias"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireBias(name(), in[0], in[1]);
            rows = in[0].numRows;
            DMatrixRMaj y = in[0].copy();
            addRowToEveryRow(y, in[1]);
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) CommonOps_DDRM.addEquals(grads[0], g);
            if (grads[1] != null) addColumnSums(g, grads[1]);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            if (t[1] == null) {
                return t[0] == null ? null : t[0].copy();
            }
            DMatrixRMaj y = t[0] != null ? t[0].copy() : new DMatrixRMaj(rows, t[1].numCols);
            addRowToEveryRow(y, t[1]);
            return y;
        }

        /** a[r, :] += row for every r. */
        static void addRowToEveryRow(DMatrixRMaj a, DMatrixRMaj row) {
            for (int i = 0; i < a.getNumElements(); i++) {
                a.data[i] += row.data[i % a.numCols];
            }
        }

        /** out[0, c] += Σᵣ g[r, c]. */
        static void addColumnSums(DMatrixRMaj g, DMatrixRMaj out) {
            for (int i = 0; i < g.getNumElements(); i++) {
                out.data[i % g.numCols] += g.data[i];
            }
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
