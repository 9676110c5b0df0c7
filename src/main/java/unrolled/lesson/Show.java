package unrolled.lesson;

import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * The print and compare helpers every notebook uses, in one place. A notebook imports them with
 * {@code import static unrolled.lesson.Show.*;} and then writes {@code printf("loss %.4f%n", loss)},
 * {@code f(matrix)} or {@code maxDiff(autodiff, byHand)}.
 *
 * <p>Numbers are always printed with {@link Locale#ROOT}, so a decimal point is a point on every machine.
 */
public final class Show {

    private Show() {}

    /** {@link String#format} with {@link Locale#ROOT}, printed without a newline. */
    public static void printf(String format, Object... args) {
        System.out.print(String.format(Locale.ROOT, format, args));
    }

    /** A number with up to six significant digits and no trailing zeros ({@link Tensors#format(double)}). */
    public static String f(double x) {
        return Tensors.format(x);
    }

    /** A matrix as rows of rounded numbers, {@code [[0.5, -1], [2, 0.25]]}. */
    public static String f(DMatrixRMaj m) {
        return Tensors.format(m);
    }

    /** A node's value as rows of rounded numbers. */
    public static String f(Node n) {
        return Tensors.format(n.value());
    }

    /** max<sub>i</sub> |a<sub>i</sub> − b<sub>i</sub>|; the shapes must match. */
    public static double maxDiff(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("maxDiff: shapes differ, " + a.numRows + "x" + a.numCols
                    + " vs " + b.numRows + "x" + b.numCols);
        }
        return maxDiff(a.data, b.data, a.getNumElements());
    }

    /** max<sub>i</sub> |a<sub>i</sub> − b<sub>i</sub>| of two nodes' values. */
    public static double maxDiff(Node a, Node b) {
        return maxDiff(a.value(), b.value());
    }

    /** The largest {@link #maxDiff(Node, Node)} over two sequences of nodes of the same length. */
    public static double maxDiff(List<Node> a, List<Node> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("maxDiff: sequences of length " + a.size() + " and " + b.size());
        }
        double d = 0;
        for (int t = 0; t < a.size(); t++) {
            d = Math.max(d, maxDiff(a.get(t), b.get(t)));
        }
        return d;
    }

    /** max<sub>i</sub> |a<sub>i</sub> − b<sub>i</sub>| of two arrays of the same length. */
    public static double maxDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maxDiff: arrays of length " + a.length + " and " + b.length);
        }
        return maxDiff(a, b, a.length);
    }

    private static double maxDiff(double[] a, double[] b, int n) {
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
