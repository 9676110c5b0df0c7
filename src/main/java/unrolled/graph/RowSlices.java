package unrolled.graph;

import java.util.List;

/**
 * A list of nodes that are consecutive row blocks of one matrix and know the node they stack into, as the T steps of
 * a fused recurrent layer are (its outputs h_1 … h_T are the rows of one op's value). {@link Ops#stackRows} returns
 * {@link #stacked()} for such a list instead of copying every block out and back in; the values and gradients are the
 * same either way.
 */
public interface RowSlices extends List<Node> {

    /** [block 0; block 1; …]: the node whose rows the blocks are, or a slice of its first rows. */
    Node stacked();
}
