package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Ops that join or cut matrices along their columns (the feature axis), such as [h_{t−1}, x_t]. */
final class Columns {

    private Columns() {}

    /** Y = [A₁, A₂, …]: the inputs side by side; each input's gradient is its block of columns of G. */
    static final class Concat extends Function {
        private int[] starts;
        private int rows;

        @Override public String name() { return "concat"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            if (in.length == 0) {
                throw new ShapeException("concat: needs at least one input");
            }
            rows = in[0].numRows;
            starts = new int[in.length + 1];
            for (int i = 0; i < in.length; i++) {
                if (in[i].numRows != rows) {
                    throw new ShapeException("concat: every input needs " + rows + " rows like input 0 ("
                            + Shapes.of(in[0]) + "), but input " + i + " is " + Shapes.of(in[i]));
                }
                starts[i + 1] = starts[i] + in[i].numCols;
            }
            DMatrixRMaj y = new DMatrixRMaj(rows, starts[in.length]);
            for (int i = 0; i < in.length; i++) {
                CommonOps_DDRM.insert(in[i], y, 0, starts[i]);
            }
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] != null) {
                    Slice.addColumns(g, starts[i], grads[i], 0, starts[i + 1] - starts[i]);
                }
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            boolean any = false;
            for (DMatrixRMaj ti : t) {
                any |= ti != null;
            }
            if (!any) {
                return null;
            }
            DMatrixRMaj y = new DMatrixRMaj(rows, starts[t.length]);
            for (int i = 0; i < t.length; i++) {
                if (t[i] != null) {
                    CommonOps_DDRM.insert(t[i], y, 0, starts[i]);
                }
            }
            return y;
        }
    }

    /** Y = A[:, from:to], the columns from (inclusive) to (exclusive); ∂L/∂A is G in those columns, 0 elsewhere. */
    static final class Slice extends Function {
        private final int from;
        private final int to;

        Slice(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override public String name() { return "slice"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            DMatrixRMaj a = in[0];
            if (from < 0 || to > a.numCols || from >= to) {
                throw new ShapeException("slice: columns [" + from + ", " + to + ") do not fit a "
                        + Shapes.of(a) + " input (need 0 ≤ from < to ≤ " + a.numCols + ")");
            }
            return CommonOps_DDRM.extract(a, 0, a.numRows, from, to);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) addColumns(g, 0, grads[0], from, to - from);
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : CommonOps_DDRM.extract(t[0], 0, t[0].numRows, from, to);
        }

        /** dst[:, dstCol : dstCol+width] += src[:, srcCol : srcCol+width]. */
        static void addColumns(DMatrixRMaj src, int srcCol, DMatrixRMaj dst, int dstCol, int width) {
            for (int r = 0; r < src.numRows; r++) {
                int s = r * src.numCols + srcCol;
                int d = r * dst.numCols + dstCol;
                for (int c = 0; c < width; c++) {
                    dst.data[d + c] += src.data[s + c];
                }
            }
        }
    }
}
