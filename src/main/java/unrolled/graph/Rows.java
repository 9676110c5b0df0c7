package unrolled.graph;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/** Ops that join or cut matrices along their rows: a sequence of T batch × n steps ↔ one (T·batch) × n matrix. */
final class Rows {

    private Rows() {}

    /** Y = [A₁; A₂; …]: the inputs stacked top to bottom (all with the same number of columns). */
    static final class Stack extends Function {
        private int[] starts;
        private int cols;

        @Override public String name() { return "stackRows"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            if (in.length == 0) {
                throw new ShapeException("stackRows: needs at least one input");
            }
            cols = in[0].numCols;
            starts = new int[in.length + 1];
            for (int i = 0; i < in.length; i++) {
                if (in[i].numCols != cols) {
                    throw new ShapeException("stackRows: every input needs " + cols + " columns like input 0 ("
                            + Shapes.of(in[0]) + "), but input " + i + " is " + Shapes.of(in[i]));
                }
                starts[i + 1] = starts[i] + in[i].numRows;
            }
            DMatrixRMaj y = new DMatrixRMaj(starts[in.length], cols);
            for (int i = 0; i < in.length; i++) {
                System.arraycopy(in[i].data, 0, y.data, starts[i] * cols, in[i].getNumElements());
            }
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] != null) {
                    addRange(g.data, starts[i] * cols, grads[i].data, 0, (starts[i + 1] - starts[i]) * cols);
                }
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            if (Arrays.stream(t).allMatch(ti -> ti == null)) {
                return null;
            }
            DMatrixRMaj y = new DMatrixRMaj(starts[t.length], cols);
            for (int i = 0; i < t.length; i++) {
                if (t[i] != null) {
                    System.arraycopy(t[i].data, 0, y.data, starts[i] * cols, t[i].getNumElements());
                }
            }
            return y;
        }
    }

    /** Y = A[from:to, :], the rows from (inclusive) to (exclusive); ∂L/∂A is G in those rows, 0 elsewhere. */
    static final class Slice extends Function {
        private final int from;
        private final int to;

        Slice(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override public String name() { return "sliceRows"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            DMatrixRMaj a = in[0];
            if (from < 0 || to > a.numRows || from >= to) {
                throw new ShapeException("sliceRows: rows [" + from + ", " + to + ") do not fit a " + Shapes.of(a)
                        + " input (need 0 ≤ from < to ≤ " + a.numRows + ")");
            }
            return cut(a);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) {
                addRange(g.data, 0, grads[0].data, from * g.numCols, g.getNumElements());
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : cut(t[0]);
        }

        private DMatrixRMaj cut(DMatrixRMaj a) {
            DMatrixRMaj y = new DMatrixRMaj(to - from, a.numCols);
            System.arraycopy(a.data, from * a.numCols, y.data, 0, y.getNumElements());
            return y;
        }
    }

    /**
     * Y[r, :] = E[ids[r], :]: row lookup in an embedding table E (vocabulary × width), the same as one-hot(ids)·E
     * without the multiplication; ∂L/∂E[ids[r], :] += G[r, :] (rows looked up twice add up).
     */
    static final class Embedding extends Function {
        private final int[] ids;

        Embedding(int[] ids) {
            this.ids = ids.clone();
        }

        @Override public String name() { return "embedding"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            DMatrixRMaj table = in[0];
            for (int r = 0; r < ids.length; r++) {
                if (ids[r] < 0 || ids[r] >= table.numRows) {
                    throw new IllegalArgumentException("embedding: id " + ids[r] + " in row " + r
                            + " is out of range for a table of " + table.numRows + " rows (" + Shapes.of(table) + ")");
                }
            }
            return gather(table);
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] != null) {
                for (int r = 0; r < ids.length; r++) {
                    addRange(g.data, r * g.numCols, grads[0].data, ids[r] * g.numCols, g.numCols);
                }
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return t[0] == null ? null : gather(t[0]);
        }

        private DMatrixRMaj gather(DMatrixRMaj table) {
            DMatrixRMaj y = new DMatrixRMaj(ids.length, table.numCols);
            for (int r = 0; r < ids.length; r++) {
                System.arraycopy(table.data, ids[r] * table.numCols, y.data, r * table.numCols, table.numCols);
            }
            return y;
        }
    }

    /** dst[dstStart …] += src[srcStart …] over {@code length} entries. */
    private static void addRange(double[] src, int srcStart, double[] dst, int dstStart, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstStart + i] += src[srcStart + i];
        }
    }
}
