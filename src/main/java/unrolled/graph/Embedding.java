package unrolled.graph;

import org.ejml.data.DMatrixRMaj;

/**
 * Y[r, :] = E[ids[r], :]: row lookup in an embedding table E (vocabulary × width), the same as one-hot(ids)·E
 * without the multiplication; ∂L/∂E[ids[r], :] += G[r, :] (rows looked up twice add up).
 */
final class Embedding extends Function {

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
                Slice.addBlock(g, r, 0, grads[0], ids[r], 0, 1, g.numCols);
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
