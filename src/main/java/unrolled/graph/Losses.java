package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import unrolled.maths.Elementary;

/** Loss functions: each reduces a prediction and a target to a 1×1 value. */
final class Losses {

    private Losses() {}

    /** L = (1/N) Σᵢ (pᵢ − tᵢ)² over all N entries; ∂L/∂p = (2/N)(p − t) = −∂L/∂t. */
    static final class MeanSquaredError extends Function {
        private DMatrixRMaj diff;

        @Override public String name() { return "mse"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            Shapes.requireSame(name() + " (prediction vs target)", in[0], in[1]);
            Shapes.requireNonEmpty(name(), in[0]);
            diff = new DMatrixRMaj(in[0].numRows, in[0].numCols);
            double total = 0;
            for (int i = 0; i < diff.getNumElements(); i++) {
                diff.data[i] = in[0].data[i] - in[1].data[i];
                total += diff.data[i] * diff.data[i];
            }
            return Tensors.scalar(total / diff.getNumElements());
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            double k = 2 * g.data[0] / diff.getNumElements();
            for (int i = 0; i < diff.getNumElements(); i++) {
                if (grads[0] != null) grads[0].data[i] += k * diff.data[i];
                if (grads[1] != null) grads[1].data[i] -= k * diff.data[i];
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            DMatrixRMaj dDiff = linearCombination(t[0], 1, t[1], -1);
            if (dDiff == null) {
                return null;
            }
            double total = 0;
            for (int i = 0; i < diff.getNumElements(); i++) {
                total += diff.data[i] * dDiff.data[i];
            }
            return Tensors.scalar(2 * total / diff.getNumElements());
        }
    }

    /**
     * Softmax followed by cross-entropy, fused: with ŷ = softmax(z) per row and target distribution y per row,
     * L = −(1/n) Σᵣ Σₖ yᵣₖ log ŷᵣₖ over n rows. Fusing gives the simple gradient ∂L/∂z = (ŷ − y)/n
     * (for rows of y that sum to 1) and computes log ŷ = z − log Σ exp(z) from the one pass of
     * {@link Elementary#softmax} that also gives ŷ (log-sum-exp shifted by the row maximum m, without overflow).
     * The targets are data: no gradient flows into them.
     */
    static final class SoftmaxCrossEntropy extends Function {
        private final DMatrixRMaj target;
        private DMatrixRMaj probabilities;

        SoftmaxCrossEntropy(DMatrixRMaj target) {
            this.target = target;
        }

        @Override public String name() { return "softmaxCrossEntropy"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            DMatrixRMaj z = in[0];
            Shapes.requireSame(name() + " (logits vs targets)", z, target);
            Shapes.requireNonEmpty(name(), z);
            int cols = z.numCols;
            probabilities = new DMatrixRMaj(z.numRows, cols);
            double total = 0;
            for (int r = 0; r < z.numRows; r++) {
                double logNormaliser = Elementary.softmax(z.data, r * cols, cols, 1.0, probabilities.data, r * cols);
                for (int c = 0; c < cols; c++) {
                    double y = target.data[r * cols + c];
                    if (y != 0) {
                        total -= y * (z.data[r * cols + c] - logNormaliser);
                    }
                }
            }
            return Tensors.scalar(total / z.numRows);
        }

        /** ∂L/∂zᵣₖ = (ŷᵣₖ·Σⱼyᵣⱼ − yᵣₖ)/n, which is (ŷ − y)/n when each target row sums to 1. */
        private DMatrixRMaj gradient() {
            int cols = target.numCols;
            DMatrixRMaj dz = new DMatrixRMaj(target.numRows, cols);
            for (int r = 0; r < target.numRows; r++) {
                double rowMass = 0;
                for (int c = 0; c < cols; c++) {
                    rowMass += target.data[r * cols + c];
                }
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    dz.data[i] = (probabilities.data[i] * rowMass - target.data[i]) / target.numRows;
                }
            }
            return dz;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            if (grads[0] == null) {
                return;
            }
            DMatrixRMaj dz = gradient();
            for (int i = 0; i < dz.getNumElements(); i++) {
                grads[0].data[i] += g.data[0] * dz.data[i];
            }
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            if (t[0] == null) {
                return null;
            }
            DMatrixRMaj dz = gradient();
            double total = 0;
            for (int i = 0; i < dz.getNumElements(); i++) {
                total += dz.data[i] * t[0].data[i];
            }
            return Tensors.scalar(total);
        }
    }

    /** One-hot rows for class indices: row r has a 1 in column classes[r]. */
    static DMatrixRMaj oneHot(int[] classes, int numClasses) {
        DMatrixRMaj y = new DMatrixRMaj(classes.length, numClasses);
        for (int r = 0; r < classes.length; r++) {
            if (classes[r] < 0 || classes[r] >= numClasses) {
                throw new IllegalArgumentException("softmaxCrossEntropy: class " + classes[r] + " in row " + r
                        + " is out of range for " + numClasses + " classes (0.." + (numClasses - 1) + ")");
            }
            y.set(r, classes[r], 1.0);
        }
        return y;
    }

    /** Checks that targets are a distribution per row: finite, non-negative entries. */
    static void requireTargetDistribution(DMatrixRMaj target) {
        for (int i = 0; i < target.getNumElements(); i++) {
            double y = target.data[i];
            if (!(y >= 0) || Double.isInfinite(y)) {
                throw new IllegalArgumentException("softmaxCrossEntropy: targets must be finite and non-negative, got "
                        + y + " at (" + i / target.numCols + ", " + i % target.numCols + ")");
            }
        }
    }
}
