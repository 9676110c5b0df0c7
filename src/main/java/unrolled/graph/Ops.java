package unrolled.graph;

import org.ejml.data.DMatrixRMaj;

/**
 * Every op of the graph, as static functions so that a cell can read like the formula:
 * {@code tanh(add(matmul(x, U), matmul(h, W)))}. Matrices are batch × features: one row per example.
 * Each op checks its input shapes and names itself and the shapes when they do not fit.
 */
public final class Ops {

    private Ops() {}

    /** a + b (same shapes). */
    public static Node add(Node a, Node b) {
        return Node.apply(new Arithmetic.Add(), a, b);
    }

    /** a − b (same shapes). */
    public static Node sub(Node a, Node b) {
        return Node.apply(new Arithmetic.Sub(), a, b);
    }

    /** a ⊙ b, the entry-by-entry (Hadamard) product (same shapes). */
    public static Node mul(Node a, Node b) {
        return Node.apply(new Arithmetic.Mul(), a, b);
    }

    /** A·B, the matrix product of an n×k and a k×m matrix. */
    public static Node matmul(Node a, Node b) {
        return Node.apply(new Arithmetic.MatMul(), a, b);
    }

    /** s·a for a fixed number s. */
    public static Node scale(Node a, double s) {
        return Node.apply(new Arithmetic.Scale(s), a);
    }

    /** A + 1·b: the 1×m row b added to every row of the n×m matrix A. */
    public static Node addBias(Node a, Node bias) {
        return Node.apply(new Arithmetic.AddBias(), a, bias);
    }

    /**
     * X·Wᵀ + b: a dense layer on a batch × in input with the weight stored out × in (PyTorch's layout) and a
     * 1 × out bias; pass a null bias for none.
     */
    public static Node linear(Node x, Node weight, Node bias) {
        return bias == null ? Node.apply(new Arithmetic.Linear(false), x, weight)
                : Node.apply(new Arithmetic.Linear(true), x, weight, bias);
    }

    /** Aᵀ. */
    public static Node transpose(Node a) {
        return Node.apply(new Arithmetic.Transpose(), a);
    }

    /** Σᵢⱼ aᵢⱼ, as a 1×1 node. */
    public static Node sum(Node a) {
        return Node.apply(new Reductions.Sum(false), a);
    }

    /** (1/N) Σᵢⱼ aᵢⱼ over all N entries, as a 1×1 node. */
    public static Node mean(Node a) {
        return Node.apply(new Reductions.Sum(true), a);
    }

    /** aᵖ entry by entry. */
    public static Node pow(Node a, double exponent) {
        return Node.apply(new Pointwise.Pow(exponent), a);
    }

    /** eᵃ entry by entry. */
    public static Node exp(Node a) {
        return Node.apply(new Pointwise.Exp(), a);
    }

    /** ln a entry by entry; every entry must be positive. */
    public static Node log(Node a) {
        return Node.apply(new Pointwise.Log(), a);
    }

    /** tanh a entry by entry. */
    public static Node tanh(Node a) {
        return Node.apply(new Pointwise.Tanh(), a);
    }

    /** σ(a) = 1/(1 + e^(−a)) entry by entry. */
    public static Node sigmoid(Node a) {
        return Node.apply(new Pointwise.Sigmoid(), a);
    }

    /** max(0, a) entry by entry. */
    public static Node relu(Node a) {
        return Node.apply(new Pointwise.Relu(), a);
    }

    /** softmax of every row: yᵢ = exp(aᵢ)/Σⱼ exp(aⱼ). */
    public static Node softmax(Node a) {
        return Node.apply(new Reductions.Softmax(), a);
    }

    /** [a₁, a₂, …]: the inputs side by side (all with the same number of rows). */
    public static Node concat(Node... parts) {
        return Node.apply(new Join(true), parts);
    }

    /** a[:, from:to]: the columns from (inclusive) to (exclusive). */
    public static Node slice(Node a, int fromCol, int toCol) {
        return Node.apply(new Slice(true, fromCol, toCol), a);
    }

    /**
     * [a₁; a₂; …]: the inputs stacked top to bottom (all with the same number of columns). {@link RowSlices} of
     * one matrix (a fused layer's steps) stack back into that matrix, without a copy.
     */
    public static Node stackRows(java.util.List<Node> parts) {
        if (parts instanceof RowSlices slices) {
            return slices.stacked();
        }
        return Node.apply(new Join(false), parts.toArray(new Node[0]));
    }

    /** a[from:to, :]: the rows from (inclusive) to (exclusive). */
    public static Node sliceRows(Node a, int fromRow, int toRow) {
        return Node.apply(new Slice(false, fromRow, toRow), a);
    }

    /**
     * Row lookup: row r of the result is row ids[r] of the vocabulary × width table, i.e. one-hot(ids)·table
     * computed without the product. Gradients flow into the rows that were looked up.
     */
    public static Node embedding(Node table, int... ids) {
        return Node.apply(new Embedding(ids), table);
    }

    /** Mean squared error (1/N) Σ (prediction − target)² over all N entries. */
    public static Node mse(Node prediction, Node target) {
        return Node.apply(new Losses.MeanSquaredError(), prediction, target);
    }

    /**
     * Softmax cross-entropy against class indices, averaged over the rows:
     * L = −(1/n) Σᵣ log softmax(zᵣ)[classes[r]]; ∂L/∂z = (ŷ − y)/n with y the one-hot targets.
     */
    public static Node softmaxCrossEntropy(Node logits, int... classes) {
        if (classes.length != logits.rows()) {
            throw new ShapeException("softmaxCrossEntropy: " + classes.length + " class labels for "
                    + logits.rows() + " rows of logits (" + logits.rows() + "×" + logits.cols() + ")");
        }
        return softmaxCrossEntropy(logits, Losses.oneHot(classes, logits.cols()));
    }

    /**
     * Softmax cross-entropy against a target distribution per row (one-hot or soft labels), averaged over rows:
     * L = −(1/n) Σᵣ Σₖ yᵣₖ log softmax(zᵣ)ₖ.
     */
    public static Node softmaxCrossEntropy(Node logits, DMatrixRMaj targets) {
        Losses.requireTargetDistribution(targets);
        return Node.apply(new Losses.SoftmaxCrossEntropy(targets), logits);
    }
}
