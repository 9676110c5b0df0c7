package unrolled.graph;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Small factories for the matrices a graph is built from. Every tensor is a rows × columns {@link DMatrixRMaj}. */
public final class Tensors {

    private Tensors() {}

    /** A matrix from its rows, e.g. {@code matrix(new double[][]{{1, 2}, {3, 4}})}. */
    public static DMatrixRMaj matrix(double[][] rows) {
        if (rows.length == 0) {
            return new DMatrixRMaj(0, 0);
        }
        for (int r = 1; r < rows.length; r++) {
            if (rows[r].length != rows[0].length) {
                throw new ShapeException("matrix: row " + r + " has " + rows[r].length
                        + " entries but row 0 has " + rows[0].length);
            }
        }
        return new DMatrixRMaj(rows);
    }

    /** A 1 × n row vector. */
    public static DMatrixRMaj row(double... values) {
        return new DMatrixRMaj(1, values.length, true, values);
    }

    /** A 1 × 1 matrix holding a scalar. */
    public static DMatrixRMaj scalar(double value) {
        return row(value);
    }

    /** A rows × cols matrix of zeros. */
    public static DMatrixRMaj zeros(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    /** A rows × cols matrix of ones. */
    public static DMatrixRMaj ones(int rows, int cols) {
        return filled(rows, cols, 1.0);
    }

    /** A rows × cols matrix with every entry {@code value}. */
    public static DMatrixRMaj filled(int rows, int cols, double value) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.fill(value);
        return m;
    }

    /** Entries drawn independently from U(low, high). */
    public static DMatrixRMaj uniform(int rows, int cols, double low, double high, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = low + (high - low) * random.nextDouble();
        }
        return m;
    }

    /** Entries drawn independently from N(0, std²). */
    public static DMatrixRMaj gaussian(int rows, int cols, double std, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = std * random.nextGaussian();
        }
        return m;
    }

    /**
     * One-hot rows: row r has a 1 in column {@code ids[r]} and zeros elsewhere, so {@code oneHot(4, 2)} is
     * {@code [[0, 0, 1, 0]]}.
     */
    public static DMatrixRMaj oneHot(int width, int... ids) {
        DMatrixRMaj m = new DMatrixRMaj(ids.length, width);
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= width) {
                throw new IllegalArgumentException("oneHot: id " + ids[r] + " in row " + r + " is outside 0.." + (width - 1));
            }
            m.set(r, ids[r], 1);
        }
        return m;
    }

    /** Rows of a matrix as arrays (a copy), convenient for printing and plotting. */
    public static double[][] toArray(DMatrixRMaj m) {
        double[][] rows = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            System.arraycopy(m.data, r * m.numCols, rows[r], 0, m.numCols);
        }
        return rows;
    }

    /** A compact, rounded rendering such as {@code [[0.5, -1], [2, 0.25]]}. */
    public static String format(DMatrixRMaj m) {
        StringBuilder s = new StringBuilder("[");
        for (int r = 0; r < m.numRows; r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < m.numCols; c++) {
                s.append(c == 0 ? "" : ", ").append(format(m.get(r, c)));
            }
            s.append(']');
        }
        return s.append(']').toString();
    }

    /** A number with up to six significant digits and no trailing zeros. */
    public static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", x);
        if (s.contains("e")) {
            return s.replaceFirst("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }
}
