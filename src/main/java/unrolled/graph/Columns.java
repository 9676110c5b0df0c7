package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Cutting matrices along their columns (the feature axis): the gate blocks of a cell's pre-activation. */
final class Columns {

    private Columns() {}

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
