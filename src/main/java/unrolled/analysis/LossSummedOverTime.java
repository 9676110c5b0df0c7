package unrolled.analysis;

import static unrolled.graph.Ops.add;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.graph.Ops;
import unrolled.maths.Elementary;

/**
 * A loss over the outputs o_1 … o_T of an unrolled network, <b>summed over time</b> as article 3's E = Σ_t E_t, each
 * term L_t <b>averaged over the batch</b> as the graph's losses are: L = Σ_t L_t(o_t).
 *
 * <p>Either every step has a target (many-to-many, article 3's setting) or only the last one (many-to-one: the loss
 * that shows how a gradient fades or grows going back in time). One object gives both the graph version
 * ({@link #graph}, for {@code backward()}) and the hand version (for {@link ElmanBptt}), so the two compare like
 * with like. Steps t count from 1 as in the articles.
 *
 * <p>The sum, not the mean, over time is what the BPTT derivations differentiate; training code averages instead
 * ({@code unrolled.train.LossAveragedOverTime}), so that the step size does not grow with T.
 */
public abstract class LossSummedOverTime {

    private final int targets;
    private final boolean lastOnly;

    private LossSummedOverTime(int targets, boolean lastOnly) {
        if (targets == 0) {
            throw new IllegalArgumentException("LossSummedOverTime: no targets; need one per time step (or one for the last)");
        }
        this.targets = targets;
        this.lastOnly = lastOnly;
    }

    /**
     * Softmax cross-entropy at every step against class indices, {@code classes[t − 1][row]}:
     * L_t = −(1/B) Σ_r log softmax(o_t,r)[y_t,r], so ∂L/∂o_t = (softmax(o_t) − onehot(y_t))/B.
     */
    public static LossSummedOverTime crossEntropy(int[]... classes) {
        return new CrossEntropy(classes, false);
    }

    /** Softmax cross-entropy at the last step only, {@code classes[row]}; ∂L/∂o_t = 0 for t &lt; T. */
    public static LossSummedOverTime crossEntropyAtLast(int... classes) {
        return new CrossEntropy(new int[][] {classes}, true);
    }

    /**
     * Mean squared error at every step against batch × Q targets:
     * L_t = (1/(B·Q)) Σ (o_t − y_t)², so ∂L/∂o_t = 2(o_t − y_t)/(B·Q).
     */
    public static LossSummedOverTime meanSquared(List<DMatrixRMaj> targets) {
        return new MeanSquared(targets.toArray(new DMatrixRMaj[0]), false);
    }

    /** Mean squared error at the last step only. */
    public static LossSummedOverTime meanSquaredAtLast(DMatrixRMaj target) {
        return new MeanSquared(new DMatrixRMaj[] {target}, true);
    }

    /** L = Σ_t L_t as a graph node over the outputs o_1 … o_T (each batch × Q), ready for {@code backward()}. */
    public Node graph(List<Node> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("LossSummedOverTime: empty sequence; need at least one output");
        }
        Node total = null;
        for (int t = 1; t <= outputs.size(); t++) {
            Node o = outputs.get(t - 1);
            int k = target(t, outputs.size(), o.value());
            if (k >= 0) {
                total = total == null ? term(o, k) : add(total, term(o, k));
            }
        }
        return total;
    }

    /** L_t(o_t), or 0 where step t has no target. */
    double value(int t, int steps, DMatrixRMaj o) {
        int k = target(t, steps, o);
        return k < 0 ? 0 : value(o, k);
    }

    /** ∂L/∂o_t (batch × Q), zeros where step t has no target. */
    DMatrixRMaj gradient(int t, int steps, DMatrixRMaj o) {
        int k = target(t, steps, o);
        return k < 0 ? new DMatrixRMaj(o.numRows, o.numCols) : gradient(o, k);
    }

    /** The index of step t's target, or −1 if the step has none; checks that the target fits the output. */
    private int target(int t, int steps, DMatrixRMaj o) {
        if (!lastOnly && targets != steps) {
            throw new IllegalArgumentException("LossSummedOverTime: " + targets + " targets for a sequence of " + steps
                    + " steps; need one per step");
        }
        if (lastOnly && t != steps) {
            return -1;
        }
        int k = lastOnly ? 0 : t - 1;
        requireFits(k, t, o);
        return k;
    }

    abstract void requireFits(int k, int t, DMatrixRMaj o);

    abstract Node term(Node o, int k);

    abstract double value(DMatrixRMaj o, int k);

    abstract DMatrixRMaj gradient(DMatrixRMaj o, int k);

    private static final class CrossEntropy extends LossSummedOverTime {
        private final int[][] classes;

        CrossEntropy(int[][] classes, boolean lastOnly) {
            super(classes.length, lastOnly);
            this.classes = classes;
        }

        @Override void requireFits(int k, int t, DMatrixRMaj o) {
            if (classes[k].length != o.numRows) {
                throw new IllegalArgumentException("LossSummedOverTime: step " + t + " has " + classes[k].length
                        + " class labels for a batch of " + o.numRows);
            }
            for (int r = 0; r < o.numRows; r++) {
                if (classes[k][r] < 0 || classes[k][r] >= o.numCols) {
                    throw new IllegalArgumentException("LossSummedOverTime: class " + classes[k][r] + " at step " + t
                            + ", row " + r + " is outside 0.." + (o.numCols - 1));
                }
            }
        }

        @Override Node term(Node o, int k) {
            return Ops.softmaxCrossEntropy(o, classes[k]);
        }

        @Override double value(DMatrixRMaj o, int k) {
            double total = 0;
            for (int r = 0; r < o.numRows; r++) {
                total -= Math.log(softmaxRow(o, r)[classes[k][r]]);
            }
            return total / o.numRows;
        }

        @Override DMatrixRMaj gradient(DMatrixRMaj o, int k) {
            DMatrixRMaj dLdo = new DMatrixRMaj(o.numRows, o.numCols);
            for (int r = 0; r < o.numRows; r++) {
                double[] p = softmaxRow(o, r);
                p[classes[k][r]] -= 1;
                for (int c = 0; c < o.numCols; c++) {
                    dLdo.set(r, c, p[c] / o.numRows);
                }
            }
            return dLdo;
        }

        /** softmax(z)_c = exp(z_c − max z) / Σ_j exp(z_j − max z) for row r, without overflow ({@link Elementary}). */
        private static double[] softmaxRow(DMatrixRMaj z, int r) {
            double[] p = new double[z.numCols];
            Elementary.softmax(z.data, r * z.numCols, z.numCols, 1.0, p, 0);
            return p;
        }
    }

    private static final class MeanSquared extends LossSummedOverTime {
        private final DMatrixRMaj[] y;

        MeanSquared(DMatrixRMaj[] targets, boolean lastOnly) {
            super(targets.length, lastOnly);
            this.y = targets;
        }

        @Override void requireFits(int k, int t, DMatrixRMaj o) {
            if (y[k].numRows != o.numRows || y[k].numCols != o.numCols) {
                throw new IllegalArgumentException("LossSummedOverTime: the target of step " + t + " is " + y[k].numRows
                        + "×" + y[k].numCols + " but the output is " + o.numRows + "×" + o.numCols);
            }
        }

        @Override Node term(Node o, int k) {
            return Ops.mse(o, Node.constant("y", y[k]));
        }

        @Override double value(DMatrixRMaj o, int k) {
            double total = 0;
            for (int i = 0; i < o.getNumElements(); i++) {
                double d = o.data[i] - y[k].data[i];
                total += d * d;
            }
            return total / o.getNumElements();
        }

        @Override DMatrixRMaj gradient(DMatrixRMaj o, int k) {
            DMatrixRMaj dLdo = new DMatrixRMaj(o.numRows, o.numCols);
            for (int i = 0; i < o.getNumElements(); i++) {
                dLdo.data[i] = 2 * (o.data[i] - y[k].data[i]) / o.getNumElements();
            }
            return dLdo;
        }
    }
}
