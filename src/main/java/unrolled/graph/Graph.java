package unrolled.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks over the graph that ends at a node: the topological order (inputs before the nodes computed from them), which
 * {@link Node#backward()} visits in reverse and forward mode in order, and counts taken from it.
 */
public final class Graph {

    private Graph() {}

    /** Every node the output depends on, inputs before the nodes computed from them, the output last. */
    public static List<Node> topologicalOrder(Node output) {
        return topologicalOrder(output, false);
    }

    /**
     * Depth-first post-order without recursion, so graphs unrolled over thousands of time steps do not overflow
     * the stack. With {@code onlyRequiringGrad}, branches that need no gradient are not entered.
     */
    static List<Node> topologicalOrder(Node output, boolean onlyRequiringGrad) {
        List<Node> order = new ArrayList<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>();
        Deque<Integer> nextParent = new ArrayDeque<>();
        stack.push(output);
        nextParent.push(0);
        visited.add(output);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            int i = nextParent.pop();
            Node[] parents = node.parentArray();
            if (i < parents.length) {
                nextParent.push(i + 1);
                Node parent = parents[i];
                if ((!onlyRequiringGrad || parent.requiresGrad()) && visited.add(parent)) {
                    stack.push(parent);
                    nextParent.push(0);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }

    /** The number of edges (input → op output) in the graph that ends at {@code output}. */
    public static int edgeCount(Node output) {
        int edges = 0;
        for (Node node : topologicalOrder(output)) {
            edges += node.parentArray().length;
        }
        return edges;
    }

    /** The trainable leaves ({@link Node#param}) the output depends on, in topological order. */
    public static List<Node> parameters(Node output) {
        List<Node> params = new ArrayList<>();
        for (Node node : topologicalOrder(output)) {
            if (node.isLeaf() && node.requiresGrad()) {
                params.add(node);
            }
        }
        return params;
    }
}
