package unrolled.graph;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A node of a computation graph: a value (a matrix; a scalar is 1×1), the gradient ∂L/∂(value) that backprop leaves
 * in it, the nodes it was computed from, and the op that computed it.
 *
 * <p>Leaves are made with {@link #param} (trainable: gradients flow into it) or {@link #constant} (data: they do not).
 * Every other node comes from an op in {@link Ops}, also reachable fluently: {@code x.matmul(w).addBias(b).tanh()}.
 *
 * <h2>Backward</h2>
 * {@link #backward()} runs reverse-mode differentiation from a 1×1 output: it seeds ∂L/∂L = 1, visits the graph in
 * reverse topological order and lets every op add its vector–Jacobian product into its inputs' gradients. Because
 * gradients are added, a node reached along several paths, or a parameter used at several places, receives the sum
 * over all paths (the chain rule over several paths).
 * <ul>
 *   <li>Backward on a node that is not 1×1 throws; reduce it first ({@link #sum()}, {@link #mean()}) or pass the
 *       output gradient explicitly with {@link #backward(DMatrixRMaj)}.</li>
 *   <li>The gradients of intermediate nodes are recomputed by every backward pass; the gradients of leaves accumulate
 *       across passes. A second {@code backward()} on the same graph therefore adds the same gradient to every leaf
 *       again (doubling it); call {@link #zeroGrad()} on the parameters between training steps.</li>
 * </ul>
 */
public final class Node {

    /** How many {@link #noGrad()} handles are open in each thread: graph building is off in that thread while &gt; 0. */
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final DMatrixRMaj value;
    private final Node[] parents;
    private final Function function;
    private final boolean requiresGrad;
    private DMatrixRMaj grad;
    private String label;

    private Node(DMatrixRMaj value, Node[] parents, Function function, boolean requiresGrad, String label) {
        this.value = value;
        this.parents = parents;
        this.function = function;
        this.requiresGrad = requiresGrad;
        this.label = label;
    }

    // ---- leaves -------------------------------------------------------------------------------------------------

    /** A trainable leaf: backprop leaves ∂L/∂value in its {@link #grad()}. The matrix is used as is (not copied). */
    public static Node param(String name, DMatrixRMaj value) {
        return new Node(value, new Node[0], null, true, name);
    }

    /** A trainable scalar leaf. */
    public static Node param(String name, double value) {
        return param(name, Tensors.scalar(value));
    }

    /** A leaf that holds data: no gradient flows into it. */
    public static Node constant(DMatrixRMaj value) {
        return constant(null, value);
    }

    /** A named leaf that holds data, such as an input x or a target y. */
    public static Node constant(String name, DMatrixRMaj value) {
        return new Node(value, new Node[0], null, false, name);
    }

    /** A named scalar constant. */
    public static Node constant(String name, double value) {
        return constant(name, Tensors.scalar(value));
    }

    /**
     * Applies an op to input nodes. The output keeps its inputs (so it can be drawn and differentiated) unless
     * {@link #noGrad()} is in force, in which case it is a constant with no history.
     */
    public static Node apply(Function function, Node... inputs) {
        DMatrixRMaj[] values = new DMatrixRMaj[inputs.length];
        boolean anyRequiresGrad = false;
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value;
            anyRequiresGrad |= inputs[i].requiresGrad;
        }
        DMatrixRMaj out = function.forward(values);
        if (NO_GRAD_DEPTH.get()[0] > 0) {
            return new Node(out, new Node[0], null, false, null);
        }
        return new Node(out, inputs.clone(), function, anyRequiresGrad, null);
    }

    /**
     * Turns off graph building until the returned handle is closed:
     * {@code try (var ignored = Node.noGrad()) { ... }}. Ops inside produce constants, which saves the memory of
     * the history when only values are wanted (evaluation, sampling). The switch belongs to the calling thread: a
     * {@code noGrad()} open in one thread does not stop another thread from building graphs and calling backward.
     */
    public static NoGrad noGrad() {
        int[] depth = NO_GRAD_DEPTH.get();
        depth[0]++;
        return new NoGrad() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    depth[0]--;
                }
            }
        };
    }

    /** The handle returned by {@link #noGrad()}; closing it turns graph building back on. */
    public interface NoGrad extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether graph building is currently off in this thread (inside {@link #noGrad()}). */
    public static boolean isNoGrad() {
        return NO_GRAD_DEPTH.get()[0] > 0;
    }

    // ---- accessors ----------------------------------------------------------------------------------------------

    /** The value. Optimisers update parameters by changing this matrix in place. */
    public DMatrixRMaj value() {
        return value;
    }

    /** The value of a 1×1 node. */
    public double scalar() {
        if (value.getNumElements() != 1) {
            throw new ShapeException("scalar: node " + describe() + " is " + Shapes.of(value) + ", not 1×1");
        }
        return value.data[0];
    }

    /** The value at (row, column). */
    public double get(int row, int col) {
        return value.get(row, col);
    }

    /**
     * ∂L/∂value from the last backward pass (zeros if no gradient has reached this node). This is the node's own
     * gradient matrix, not a copy: clipping and optimisers change it in place.
     */
    public DMatrixRMaj grad() {
        return gradBuffer();
    }

    /** The number of rows of the value (the batch, for an activation). */
    public int rows() {
        return value.numRows;
    }

    /** The number of columns of the value (the features). */
    public int cols() {
        return value.numCols;
    }

    /** Whether a gradient flows into this node: true for parameters and for nodes computed from one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this node was made directly ({@link #param}, {@link #constant}) rather than by an op. */
    public boolean isLeaf() {
        return function == null;
    }

    /** The op that computed this node, or null for a leaf. */
    public Function function() {
        return function;
    }

    /** The nodes this one was computed from, in argument order (a copy). */
    public List<Node> parents() {
        return List.of(parents);
    }

    Node[] parentArray() {
        return parents;
    }

    /** The name given with {@link #named} or at creation, or null. */
    public String label() {
        return label;
    }

    /** Names this node (for drawings, gradient-check reports and messages) and returns it. */
    public Node named(String name) {
        this.label = name;
        return this;
    }

    /** The name if there is one, else the op's name, else "constant". */
    public String describe() {
        if (label != null) {
            return label;
        }
        return function != null ? function.name() : (requiresGrad ? "param" : "constant");
    }

    // ---- differentiation ----------------------------------------------------------------------------------------

    /** Reverse-mode differentiation from this 1×1 node, seeding ∂L/∂L = 1. */
    public void backward() {
        if (value.getNumElements() != 1) {
            throw new IllegalStateException("backward: " + describe() + " is " + Shapes.of(value)
                    + ", not a scalar; reduce it with sum() or mean() first, or call backward(outputGrad) with a "
                    + Shapes.of(value) + " gradient");
        }
        backward(Tensors.ones(1, 1));
    }

    /** Reverse-mode differentiation from this node, seeding its gradient with {@code outputGrad} (same shape). */
    public void backward(DMatrixRMaj outputGrad) {
        if (outputGrad.numRows != value.numRows || outputGrad.numCols != value.numCols) {
            throw new ShapeException("backward: output gradient must be " + Shapes.of(value) + " like "
                    + describe() + ", got " + Shapes.of(outputGrad));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: " + describe()
                    + " does not depend on any parameter (was it computed from constants only, or under noGrad()?)");
        }
        List<Node> order = Graph.topologicalOrder(this, true);
        for (Node node : order) {
            if (!node.isLeaf()) {
                node.zeroGrad();
            }
        }
        CommonOps_DDRM.addEquals(gradBuffer(), outputGrad);
        DMatrixRMaj[] inputGrads = new DMatrixRMaj[0];
        for (int k = order.size() - 1; k >= 0; k--) {
            Node node = order.get(k);
            if (node.isLeaf() || node.grad == null) {
                continue;
            }
            if (inputGrads.length != node.parents.length) {
                inputGrads = new DMatrixRMaj[node.parents.length];
            }
            for (int i = 0; i < node.parents.length; i++) {
                inputGrads[i] = node.parents[i].requiresGrad ? node.parents[i].gradBuffer() : null;
            }
            node.function.backward(node.grad, inputGrads);
        }
    }

    private DMatrixRMaj gradBuffer() {
        if (grad == null) {
            grad = new DMatrixRMaj(value.numRows, value.numCols);
        }
        return grad;
    }

    /** Sets this node's gradient to zero. */
    public void zeroGrad() {
        if (grad != null) {
            grad.zero();
        }
    }

    /** A constant holding a copy of this node's value: the graph stops here (no gradient flows back through it). */
    public Node detach() {
        return new Node(value.copy(), new Node[0], null, false, label);
    }

    // ---- fluent ops (see Ops for the formulas) ------------------------------------------------------------------

    public Node add(Node other) { return Ops.add(this, other); }
    public Node sub(Node other) { return Ops.sub(this, other); }
    public Node mul(Node other) { return Ops.mul(this, other); }
    public Node matmul(Node other) { return Ops.matmul(this, other); }
    public Node scale(double factor) { return Ops.scale(this, factor); }
    public Node addBias(Node bias) { return Ops.addBias(this, bias); }
    public Node transpose() { return Ops.transpose(this); }
    public Node sum() { return Ops.sum(this); }
    public Node mean() { return Ops.mean(this); }
    public Node pow(double exponent) { return Ops.pow(this, exponent); }
    public Node exp() { return Ops.exp(this); }
    public Node log() { return Ops.log(this); }
    public Node tanh() { return Ops.tanh(this); }
    public Node sigmoid() { return Ops.sigmoid(this); }
    public Node relu() { return Ops.relu(this); }
    public Node softmax() { return Ops.softmax(this); }
    public Node slice(int fromCol, int toCol) { return Ops.slice(this, fromCol, toCol); }

    /** For example {@code tanh 2×3 [[0.1, …], …]} or {@code W (param) 1×1 [[0.5]]}. */
    @Override
    public String toString() {
        String kind = label == null ? "" : (isLeaf() ? (requiresGrad ? " (param)" : " (constant)")
                : " (" + function.name() + ")");
        return describe() + kind + " " + Shapes.of(value) + " " + Tensors.format(value);
    }
}
