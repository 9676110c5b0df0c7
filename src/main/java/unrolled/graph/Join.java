package unrolled.graph;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Y = the inputs joined along one axis: side by side, [A₁, A₂, …] ("concat", e.g. [h_{t−1}, x_t]), or top to
 * bottom, [A₁; A₂; …] ("stackRows", e.g. T steps of a batch as one matrix). Each input's gradient is its block of G.
 */
final class Join extends Function {

    private final boolean sideBySide;
    private int[] starts;
    private int rows;
    private int cols;

    /** Side by side when {@code sideBySide}, else top to bottom. */
    Join(boolean sideBySide) {
        this.sideBySide = sideBySide;
    }

    @Override public String name() { return sideBySide ? "concat" : "stackRows"; }

    @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
        if (in.length == 0) {
            throw new ShapeException(name() + ": needs at least one input");
        }
        String shared = sideBySide ? "rows" : "columns";
        starts = new int[in.length + 1];
        for (int i = 0; i < in.length; i++) {
            if (across(in[i]) != across(in[0])) {
                throw new ShapeException(name() + ": every input needs " + across(in[0]) + " " + shared
                        + " like input 0 (" + Shapes.of(in[0]) + "), but input " + i + " is " + Shapes.of(in[i]));
            }
            starts[i + 1] = starts[i] + along(in[i]);
        }
        rows = sideBySide ? in[0].numRows : starts[in.length];
        cols = sideBySide ? starts[in.length] : in[0].numCols;
        DMatrixRMaj y = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < in.length; i++) {
            place(in[i], y, starts[i]);
        }
        return y;
    }

    @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                Slice.addBlock(g, sideBySide ? 0 : starts[i], sideBySide ? starts[i] : 0, grads[i], 0, 0,
                        grads[i].numRows, grads[i].numCols);
            }
        }
    }

    @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
        if (Arrays.stream(t).allMatch(ti -> ti == null)) {
            return null;
        }
        DMatrixRMaj y = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null) {
                place(t[i], y, starts[i]);
            }
        }
        return y;
    }

    /** The size every input must share: rows when joining side by side, columns when stacking. */
    private int across(DMatrixRMaj m) {
        return sideBySide ? m.numRows : m.numCols;
    }

    /** The size that adds up: columns when joining side by side, rows when stacking. */
    private int along(DMatrixRMaj m) {
        return sideBySide ? m.numCols : m.numRows;
    }

    private void place(DMatrixRMaj block, DMatrixRMaj y, int start) {
        if (sideBySide) {
            CommonOps_DDRM.insert(block, y, 0, start);
        } else {
            System.arraycopy(block.data, 0, y.data, start * y.numCols, block.getNumElements());
        }
    }
}
