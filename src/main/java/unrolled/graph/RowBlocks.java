package unrolled.graph;

import java.util.AbstractList;

/**
 * One matrix seen as a list of equal row blocks: block t is rows t·b … (t+1)·b − 1, as the T steps of a sequence
 * are when a fused layer computes them all in one node. A block becomes a node (a {@link Ops#sliceRows} of the
 * matrix) only when it is asked for, and {@link Ops#stackRows} of the whole list gives the matrix back (its first
 * count·b rows) instead of copying every block out and back in.
 */
public final class RowBlocks extends AbstractList<Node> {

    private final Node whole;
    private final int blockRows;
    private final Node[] blocks;

    /**
     * @param whole     the matrix, with at least count·blockRows rows
     * @param blockRows b, the rows of each block
     * @param count     the number of blocks
     */
    public RowBlocks(Node whole, int blockRows, int count) {
        if (blockRows < 1 || count < 1 || (long) blockRows * count > whole.rows()) {
            throw new ShapeException("RowBlocks: " + count + " blocks of " + blockRows + " rows do not fit a "
                    + whole.rows() + "×" + whole.cols() + " matrix");
        }
        this.whole = whole;
        this.blockRows = blockRows;
        this.blocks = new Node[count];
    }

    @Override
    public Node get(int t) {
        if (blocks[t] == null) {
            blocks[t] = Ops.sliceRows(whole, t * blockRows, (t + 1) * blockRows);
        }
        return blocks[t];
    }

    @Override
    public int size() {
        return blocks.length;
    }

    /** The blocks stacked: the matrix itself when they cover it, else a slice of its first count·b rows. */
    Node stacked() {
        int rows = blocks.length * blockRows;
        return rows == whole.rows() ? whole : Ops.sliceRows(whole, 0, rows);
    }
}
