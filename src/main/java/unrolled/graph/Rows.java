package unrolled.graph;

import org.ejml.data.DMatrixRMaj;

/** Ops on rows: cutting one time step out of a (T·batch) × n matrix, and looking rows up in an embedding table. */
final class Rows {

    private Rows() {}

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
