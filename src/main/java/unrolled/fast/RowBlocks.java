package unrolled.fast;

import static unrolled.graph.Ops.sliceRows;

import java.util.AbstractList;
import unrolled.graph.Node;
import unrolled.graph.RowSlices;
import unrolled.graph.ShapeException;

/**
 * One matrix seen as a list of equal row blocks: block t is rows t·b … (t+1)·b − 1, as the T steps of a sequence
 * are when a fused layer computes them all in one node. A block becomes a node (a {@code sliceRows} of the
 * matrix) only when it is asked for, and {@code stackRows} of the whole list ({@link RowSlices}) gives the matrix back (its first
 * count·b rows) instead of copying every block out and back in.
 */
final class RowBlocks extends AbstractList<Node> implements RowSlices {

    private final Node whole;
    private final int blockRows;
    private final Node[] blocks;

    /**
     * @param whole     the matrix, with at least count·blockRows rows
     * @param blockRows b, the rows of each block
     * @param count     the number of blocks
     */
    RowBlocks(Node whole, int blockRows, int count) {
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
            blocks[t] = sliceRows(whole, t * blockRows, (t + 1) * blockRows);
        }
        return blocks[t];
    }

    @Override
    public int size() {
        return blocks.length;
    }

    /** The blocks stacked: the matrix itself when they cover it, else a slice of its first count·b rows. */
    @Override
    public Node stacked() {
        int rows = blocks.length * blockRows;
        return rows == whole.rows() ? whole : sliceRows(whole, 0, rows);
    }
}
