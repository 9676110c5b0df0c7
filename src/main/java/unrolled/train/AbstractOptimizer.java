package unrolled.train;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * What every optimiser shares: the parameters, the learning rate, the step count t, and a loop that hands each
 * parameter's values θ and gradient g to {@link #update} as flat arrays. The step count is shared by all
 * parameters (PyTorch keeps one per parameter; they agree when every parameter gets a gradient at every step).
 */
abstract class AbstractOptimizer implements Optimizer {

    private final Parameters parameters;
    private final List<Node> nodes;
    private final double learningRate;
    private int steps;

    AbstractOptimizer(String name, Parameters parameters, double learningRate) {
        if (parameters == null || parameters.nodes().isEmpty()) {
            throw new IllegalArgumentException(name + ": got no parameters to optimise");
        }
        HyperParameters.requirePositive(name, "learning rate lr", learningRate);
        requireDistinctTrainable(name, parameters);
        this.parameters = parameters;
        this.nodes = parameters.nodes();
        this.learningRate = learningRate;
    }

    @Override
    public final void step() {
        steps++;
        for (int i = 0; i < nodes.size(); i++) {
            Node p = nodes.get(i);
            update(i, p.value().data, p.grad().data, steps);
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param index which parameter (its position in {@link #parameters()}), to find its optimiser state
     * @param theta the parameter's values, changed in place
     * @param grad  its gradient ∂L/∂θ
     * @param t     the step number, 1 at the first step
     */
    abstract void update(int index, double[] theta, double[] grad, int t);

    /** One zero array per parameter, as long as its values: the start of a running average such as m or v. */
    final double[][] zeroState() {
        double[][] state = new double[nodes.size()][];
        for (int i = 0; i < state.length; i++) {
            state[i] = new double[nodes.get(i).value().data.length];
        }
        return state;
    }

    @Override
    public final Parameters parameters() {
        return parameters;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    /** The number of steps taken so far. */
    public final int steps() {
        return steps;
    }

    /**
     * Names for parameters given as a list: each node's own name, with "#2", "#3", … added when a name repeats
     * (two cells both have a "weight_ih").
     */
    static Parameters named(List<Node> nodes) {
        Parameters named = new Parameters();
        if (nodes == null) {
            return named;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Node node : nodes) {
            String base = node.describe();
            int count = seen.merge(base, 1, Integer::sum);
            named.add(count == 1 ? base : base + "#" + count, node);
        }
        return named;
    }

    private static void requireDistinctTrainable(String name, Parameters parameters) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Node> e : parameters) {
            if (!e.getValue().requiresGrad()) {
                throw new IllegalArgumentException(name + ": " + e.getKey()
                        + " is a constant, not a trainable parameter (make it with Node.param)");
            }
            if (!seen.add(e.getValue())) {
                throw new IllegalArgumentException(name + ": the parameter " + e.getKey()
                        + " appears twice; it would be updated twice per step");
            }
        }
    }
}
