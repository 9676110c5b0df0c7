package unrolled.calculus;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Graph;
import unrolled.graph.Node;
import unrolled.graph.ShapeException;
import unrolled.graph.Tensors;

/**
 * Forward-mode differentiation on the same graphs: push a tangent ẋ (a direction of change of one input) through
 * the ops in topological order, each op returning ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ. One pass gives the derivative of every node
 * along one input direction — the mirror image of {@link Node#backward()}, where one pass gives the derivative of one
 * output with respect to every input.
 */
public final class ForwardMode {

    private ForwardMode() {}

    /** ẏ: how {@code output} changes when {@code input} moves along {@code direction} (same shape as the input). */
    public static DMatrixRMaj tangent(Node output, Node input, DMatrixRMaj direction) {
        if (direction.numRows != input.rows() || direction.numCols != input.cols()) {
            throw new ShapeException("tangent: direction must be " + input.rows() + "×" + input.cols()
                    + " like input " + input.describe() + ", got " + direction.numRows + "×" + direction.numCols);
        }
        return tangent(output, Map.of(input, direction));
    }

    /**
     * ẏ = Σⱼ (∂y/∂xⱼ)·ẋⱼ for several inputs moving at once: the tangents are pushed through the ops in topological
     * order, each op adding its Jacobian–vector product ({@link unrolled.graph.Function#pushTangent}). Leaves
     * without a given tangent stay put (ẋ = 0).
     *
     * @param output the node whose change is wanted
     * @param inputs each moving node and its direction ẋⱼ (same shape as that node)
     * @return ẏ, the same shape as the output (zeros if no input reaches it)
     */
    public static DMatrixRMaj tangent(Node output, Map<Node, DMatrixRMaj> inputs) {
        Map<Node, DMatrixRMaj> tangents = new IdentityHashMap<>(inputs);
        for (Node node : Graph.topologicalOrder(output)) {
            if (node.isLeaf() || tangents.containsKey(node)) {
                continue;
            }
            List<Node> parents = node.parents();
            DMatrixRMaj[] in = new DMatrixRMaj[parents.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = tangents.get(parents.get(i));
            }
            DMatrixRMaj out = node.function().pushTangent(in);
            if (out != null) {
                tangents.put(node, out);
            }
        }
        DMatrixRMaj result = tangents.get(output);
        return result != null ? result : new DMatrixRMaj(output.rows(), output.cols());
    }

    /** dy/dx for a 1×1 input x: the tangent along the direction ẋ = 1. */
    public static DMatrixRMaj derivative(Node output, Node input) {
        if (input.rows() != 1 || input.cols() != 1) {
            throw new ShapeException("derivative: input " + input.describe() + " is " + input.rows() + "×"
                    + input.cols() + "; use gradient() or tangent() with a direction for a matrix input");
        }
        return tangent(output, input, Tensors.ones(1, 1));
    }

    /**
     * ∂y/∂X for a 1×1 output y and a matrix input X, one forward pass per entry of X (with the unit direction for
     * that entry). Same numbers as {@code backward()}, at N passes instead of one.
     */
    public static DMatrixRMaj gradient(Node output, Node input) {
        if (output.rows() != 1 || output.cols() != 1) {
            throw new ShapeException("gradient: output " + output.describe() + " is " + output.rows() + "×"
                    + output.cols() + ", not 1×1");
        }
        DMatrixRMaj grad = new DMatrixRMaj(input.rows(), input.cols());
        DMatrixRMaj direction = new DMatrixRMaj(input.rows(), input.cols());
        for (int i = 0; i < grad.getNumElements(); i++) {
            direction.data[i] = 1;
            grad.data[i] = tangent(output, input, direction).data[0];
            direction.data[i] = 0;
        }
        return grad;
    }
}
