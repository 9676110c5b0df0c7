package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.matmul;
import static unrolled.graph.Ops.mul;

import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The diagonal peephole weights of a peephole LSTM (article 3, Gers &amp; Schmidhuber): w_ci and w_cf let the input
 * and forget gates see c_{t−1}, w_co lets the output gate see c_t. Each is 1 × H and acts entry by entry, so a gate's
 * pre-activation a becomes a + w ⊙ c. {@link #NONE} is the plain LSTM, which adds nothing.
 */
record Peepholes(Node ci, Node cf, Node co) {

    static final Peepholes NONE = new Peepholes(null, null, null);

    /** a_i + w_ci ⊙ c_{t−1}. */
    Node input(Node a, Node previousC) {
        return look(a, ci, previousC);
    }

    /** a_f + w_cf ⊙ c_{t−1}. */
    Node forget(Node a, Node previousC) {
        return look(a, cf, previousC);
    }

    /** a_o + w_co ⊙ c_t. */
    Node output(Node a, Node c) {
        return look(a, co, c);
    }

    /** a + w ⊙ c with the 1 × H row w repeated for every row of c (as 1·w, so its gradient sums over the batch). */
    private static Node look(Node a, Node w, Node c) {
        if (w == null) {
            return a;
        }
        Node rows = matmul(Node.constant(Tensors.ones(c.rows(), 1)), w);
        return add(a, mul(rows, c));
    }
}
