package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;

/**
 * A cell's fused form: the whole sequence through one op of the speed tier ({@link unrolled.fast.Fused}) instead of
 * one small graph per step, with the numbers of unrolling {@link Cell#step} (to rounding). A cell declares it with
 * {@link Cell#fusedForm()}, as PyTorch maps a mode ("RNN_TANH", "LSTM", "GRU") to its kernel; {@link Recurrent}
 * uses it when the model is built {@code .fused(true)}.
 */
@FunctionalInterface
public interface FusedForm {

    /**
     * Runs the sequence from a given state.
     *
     * @param inputs  x_1 … x_T, each batch × inputSize
     * @param initial the state before x_1
     * @return h_1 … h_T and the state after x_T, as {@link RecurrentLayer#forward(List, State)} gives them
     */
    SequenceOutput run(List<Node> inputs, State initial);
}
