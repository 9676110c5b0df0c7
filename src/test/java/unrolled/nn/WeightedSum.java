package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * A fixed random linear loss L = Σ_k sum(v_k ⊙ R_k) over a list of nodes, with every R_k drawn once (on first use,
 * from a seeded Random) and reused on every later call, so a gradient check sees the same function each time and
 * every entry of every output matters.
 */
final class WeightedSum {

    private final Random random;
    private final List<Node> weights = new ArrayList<>();

    WeightedSum(long seed) {
        this.random = new Random(seed);
    }

    Node of(List<Node> nodes) {
        Node total = null;
        for (int k = 0; k < nodes.size(); k++) {
            Node v = nodes.get(k);
            if (k == weights.size()) {
                weights.add(Node.constant("R" + k, Tensors.uniform(v.rows(), v.cols(), -1, 1, random)));
            }
            Node term = sum(mul(v, weights.get(k)));
            total = total == null ? term : add(total, term);
        }
        return total;
    }

    /** The outputs and every part (h, and c when present) of the final states. */
    Node of(List<Node> outputs, List<State> finalStates) {
        List<Node> all = new ArrayList<>(outputs);
        for (State s : finalStates) {
            all.add(s.h());
            if (s.c() != null) all.add(s.c());
        }
        return of(all);
    }
}
