package unrolled.nn;

import unrolled.graph.Node;

/**
 * What a recurrent cell carries from one time step to the next: the hidden state h (batch × hidden) and, for the
 * LSTM family, the cell state c (null for cells without one). A {@link JordanCell} carries its output y_t in h.
 */
public record State(Node h, Node c) {

    /** A state with a hidden part only. */
    public static State of(Node h) {
        return new State(h, null);
    }

    /** The same values cut off from the graph, as truncated BPTT carries them into the next window. */
    public State detach() {
        return new State(h.detach(), c == null ? null : c.detach());
    }
}
