package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Y = a block of A along one axis: the columns from (inclusive) to (exclusive), A[:, from:to] ("slice", e.g. one
 * gate's block of a pre-activation), or the rows, A[from:to, :] ("sliceRows", e.g. one time step of T·B stacked
 * rows). ∂L/∂A is G in that block and 0 elsewhere.
 */
final class Slice extends Function {

    private final boolean columns;
    private final int from;
    private final int to;

    /** Columns from…to when {@code columns}, else rows. */
    Slice(boolean columns, int from, int to) {
        this.columns = columns;
        this.from = from;
        this.to = to;
    }

    @Override public String name() { return columns ? "slice" : "sliceRows"; }

    @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
        DMatrixRMaj a = in[0];
        int size = columns ? a.numCols : a.numRows;
        if (from < 0 || to > size || from >= to) {
            throw new ShapeException(name() + ": " + (columns ? "columns" : "rows") + " [" + from + ", " + to
                    + ") do not fit a " + Shapes.of(a) + " input (need 0 ≤ from < to ≤ " + size + ")");
        }
        return cut(a);
    }

    @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
        if (grads[0] != null) {
            addBlock(g, 0, 0, grads[0], columns ? 0 : from, columns ? from : 0, g.numRows, g.numCols);
        }
    }

    @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
        return t[0] == null ? null : cut(t[0]);
    }

    private DMatrixRMaj cut(DMatrixRMaj a) {
        return columns ? CommonOps_DDRM.extract(a, 0, a.numRows, from, to)
                : CommonOps_DDRM.extract(a, from, to, 0, a.numCols);
    }

    /** dst[dstRow…+rows, dstCol…+cols] += src[srcRow…+rows, srcCol…+cols]. */
    static void addBlock(DMatrixRMaj src, int srcRow, int srcCol, DMatrixRMaj dst, int dstRow, int dstCol,
                         int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int s = (srcRow + r) * src.numCols + srcCol;
            int d = (dstRow + r) * dst.numCols + dstCol;
            for (int c = 0; c < cols; c++) {
                dst.data[d + c] += src.data[s + c];
            }
        }
    }
}
