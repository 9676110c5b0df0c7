package unrolled.nn;

import java.util.Random;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Parameter initialisation, as PyTorch does it for recurrent and dense layers. */
public final class Init {

    private Init() {}

    /** A parameter with entries from U(−1/√fan, 1/√fan): PyTorch's default for RNN, LSTM and GRU with fan = hidden. */
    public static Node uniform(String name, int rows, int cols, int fan, Random random) {
        double bound = 1 / Math.sqrt(fan);
        return Node.param(name, Tensors.uniform(rows, cols, -bound, bound, random));
    }

    /** A parameter filled with one value (article 1's all-ones weights, a forget bias of 1). */
    public static Node filled(String name, int rows, int cols, double value) {
        return Node.param(name, Tensors.filled(rows, cols, value));
    }
}
