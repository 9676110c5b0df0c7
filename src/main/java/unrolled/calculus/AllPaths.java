package unrolled.calculus;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import unrolled.graph.Graph;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The chain rule read literally: the derivative of an output with respect to an input is the sum, over every path
 * from the input to the output, of the product of the local derivatives along the path's edges.
 * For matrices the local derivative of an edge is a Jacobian and the product is a matrix product.
 *
 * <p>Enumerating paths costs as many products as there are paths — exponentially many in deep graphs — which is
 * exactly why reverse mode (one backward pass) and forward mode (one pass per input direction) exist.
 */
public final class AllPaths {

    /** Enumeration stops with an error beyond this many paths. */
    public static final int MAX_PATHS = 100_000;

    private AllPaths() {}

    /**
     * One path input → … → output and the product of the local derivatives along it. {@code arguments.get(k)} is
     * which argument of {@code nodes.get(k + 1)}'s op the edge enters, which tells apart the two edges of x·x.
     */
    public record Path(List<Node> nodes, List<Integer> arguments, DMatrixRMaj product) {

        /** The number of edges, which is also the number of local derivatives multiplied. */
        public int length() {
            return nodes.size() - 1;
        }

        /** The product as a number, for paths between 1×1 nodes. */
        public double value() {
            return product.get(0, 0);
        }

        @Override
        public String toString() {
            StringBuilder route = new StringBuilder(nodes.get(0).describe());
            for (int k = 1; k < nodes.size(); k++) {
                Node child = nodes.get(k);
                route.append(" → ").append(child.describe());
                if (occurrences(child, nodes.get(k - 1)) > 1) {
                    route.append("[arg ").append(arguments.get(k - 1)).append(']');
                }
            }
            return route + " : " + (product.getNumElements() == 1
                    ? Tensors.format(product.get(0, 0)) : Tensors.format(product));
        }

        private static int occurrences(Node child, Node parent) {
            int n = 0;
            for (Node p : child.parents()) {
                n += p == parent ? 1 : 0;
            }
            return n;
        }
    }

    /** An edge parent → child, where the parent is argument {@code index} of the child's op. */
    private record Edge(Node child, int index) {}

    /** Every path from {@code input} to {@code output}, each with its product of edge Jacobians. */
    public static List<Path> between(Node input, Node output) {
        Map<Node, List<Edge>> outgoing = new IdentityHashMap<>();
        for (Node node : Graph.topologicalOrder(output)) {
            List<Node> parents = node.parents();
            for (int i = 0; i < parents.size(); i++) {
                outgoing.computeIfAbsent(parents.get(i), p -> new ArrayList<>()).add(new Edge(node, i));
            }
        }
        List<Path> paths = new ArrayList<>();
        List<Node> route = new ArrayList<>(List.of(input));
        DMatrixRMaj identity = CommonOps_DDRM.identity(input.value().getNumElements());
        walk(input, output, identity, route, new ArrayList<>(), outgoing, paths);
        return paths;
    }

    private static void walk(Node at, Node output, DMatrixRMaj product, List<Node> route, List<Integer> arguments,
                             Map<Node, List<Edge>> outgoing, List<Path> paths) {
        if (at == output) {
            if (paths.size() == MAX_PATHS) {
                throw new IllegalStateException("paths: more than " + MAX_PATHS
                        + " paths; enumerating them is exponential, use backward() instead");
            }
            paths.add(new Path(List.copyOf(route), List.copyOf(arguments), product));
            return;
        }
        for (Edge edge : outgoing.getOrDefault(at, List.of())) {
            DMatrixRMaj next = CommonOps_DDRM.mult(jacobian(edge), product, null);
            route.add(edge.child());
            arguments.add(edge.index());
            walk(edge.child(), output, next, route, arguments, outgoing, paths);
            route.remove(route.size() - 1);
            arguments.remove(arguments.size() - 1);
        }
    }

    /**
     * The local derivative ∂child/∂parent of one edge as a (child entries) × (parent entries) Jacobian, built
     * column by column from the op's forward-mode rule with unit tangents.
     */
    static DMatrixRMaj jacobian(Edge edge) {
        Node child = edge.child();
        Node parent = child.parents().get(edge.index());
        int n = parent.value().getNumElements();
        DMatrixRMaj jacobian = new DMatrixRMaj(child.value().getNumElements(), n);
        DMatrixRMaj[] tangents = new DMatrixRMaj[child.parents().size()];
        DMatrixRMaj unit = new DMatrixRMaj(parent.rows(), parent.cols());
        tangents[edge.index()] = unit;
        for (int j = 0; j < n; j++) {
            unit.data[j] = 1;
            DMatrixRMaj column = child.function().pushTangent(tangents);
            unit.data[j] = 0;
            for (int i = 0; i < jacobian.numRows; i++) {
                jacobian.set(i, j, column.data[i]);
            }
        }
        return jacobian;
    }

    /** Σ over paths of the products: the Jacobian ∂output/∂input, (output entries) × (input entries). */
    public static DMatrixRMaj derivative(Node output, Node input) {
        DMatrixRMaj total = new DMatrixRMaj(output.value().getNumElements(), input.value().getNumElements());
        for (Path path : between(input, output)) {
            CommonOps_DDRM.addEquals(total, path.product());
        }
        return total;
    }
}
