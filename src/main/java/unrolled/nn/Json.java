package unrolled.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** The little JSON a parameter file needs: an object whose values are numbers, flat lists or lists of rows. */
final class Json {

    private final String text;
    private final String source;
    private int at;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * A matrix as a list of rows, always (a 1×n weight too, as PyTorch's 2-D tensors); a vector (a bias, a peephole
     * weight: 1-D in PyTorch) as a flat list. Numbers in Java's shortest exact form.
     */
    static String write(DMatrixRMaj m, boolean vector) {
        StringBuilder s = new StringBuilder();
        if (vector && m.numRows == 1) {
            appendRow(s, m, 0);
            return s.toString();
        }
        s.append('[');
        for (int r = 0; r < m.numRows; r++) {
            s.append(r == 0 ? "" : ", ");
            appendRow(s, m, r);
        }
        return s.append(']').toString();
    }

    private static void appendRow(StringBuilder s, DMatrixRMaj m, int r) {
        s.append('[');
        for (int c = 0; c < m.numCols; c++) {
            double v = m.get(r, c);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("parameters: cannot save " + v + " at (" + r + ", " + c + ")");
            }
            s.append(c == 0 ? "" : ", ").append(v);
        }
        s.append(']');
    }

    static Map<String, DMatrixRMaj> parseMatrices(String text, String source) {
        Json json = new Json(text, source);
        Map<String, DMatrixRMaj> result = new LinkedHashMap<>();
        json.expect('{');
        if (!json.consume('}')) {
            do {
                int keyAt = json.at;
                String key = json.string();
                json.expect(':');
                if (result.put(key, json.matrix(key)) != null) {
                    json.at = keyAt;
                    throw json.error("the key " + key + " appears twice (a JSON reader would silently keep the"
                            + " last one)");
                }
            } while (json.consume(','));
            json.expect('}');
        }
        json.skipSpace();
        if (json.at != text.length()) {
            throw json.error("unexpected text after the closing }");
        }
        return result;
    }

    /** A list of rows, or a flat list read as one row (a bias; also a 1×n weight as the old format wrote it). */
    private DMatrixRMaj matrix(String key) {
        List<double[]> rows = new ArrayList<>();
        expect('[');
        skipSpace();
        if (at < text.length() && text.charAt(at) == '[') {
            do {
                rows.add(numbers(key));
            } while (consume(','));
            expect(']');
        } else {
            at--;
            rows.add(numbers(key));
        }
        for (double[] row : rows) {
            if (row.length != rows.get(0).length) {
                throw error(key + " has rows of different lengths");
            }
        }
        return new DMatrixRMaj(rows.toArray(new double[0][]));
    }

    private double[] numbers(String key) {
        expect('[');
        List<Double> values = new ArrayList<>();
        if (!consume(']')) {
            do {
                values.add(number(key));
            } while (consume(','));
            expect(']');
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double number(String key) {
        skipSpace();
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String literal = text.substring(start, at);
        double value;
        try {
            value = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw error("expected a number in " + key);
        }
        if (!Double.isFinite(value)) {
            at = start;
            throw error(key + " holds " + literal + ", beyond the range of a double (it would load as "
                    + (value > 0 ? "+" : "") + value + ")");
        }
        return value;
    }

    private String string() {
        expect('"');
        int end = text.indexOf('"', at);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(at, end);
        at = end + 1;
        return s;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean consume(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("parameters: " + source + " is not a parameter file: " + what
                + " at character " + at);
    }
}
