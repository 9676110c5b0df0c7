package unrolled.graph;

import org.ejml.data.DMatrixRMaj;

/** Shape checks shared by the ops, each failing with a message that names the op and the shapes involved. */
final class Shapes {

    private Shapes() {}

    static String of(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    static void requireSame(String op, DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new ShapeException(op + ": shapes must match, got " + of(a) + " and " + of(b));
        }
    }

    static void requireMatmul(String op, DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numCols != b.numRows) {
            throw new ShapeException(op + ": cannot multiply " + of(a) + " by " + of(b)
                    + " (columns of the left, " + a.numCols + ", must equal rows of the right, " + b.numRows + ")");
        }
    }

    static void requireBias(String op, DMatrixRMaj a, DMatrixRMaj bias) {
        if (bias.numRows != 1 || bias.numCols != a.numCols) {
            throw new ShapeException(op + ": bias must be 1×" + a.numCols + " to add to every row of "
                    + of(a) + ", got " + of(bias));
        }
    }

    static void requireNonEmpty(String op, DMatrixRMaj a) {
        if (a.getNumElements() == 0) {
            throw new ShapeException(op + ": input is empty (" + of(a) + ")");
        }
    }
}
