package unrolled.data;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import unrolled.maths.Elementary;

/**
 * A character vocabulary: the distinct Unicode code points of a text, sorted, numbered 0 … size−1. It works on
 * code points, not Java {@code char}s, so characters outside the Basic Multilingual Plane (rare Chinese
 * characters, emoji) are one character each, as a reader would count them.
 *
 * <pre>{@code
 * var vocab = Vocabulary.of(Files.readString(Path.of("data/tang300.txt")));
 * int[] ids = vocab.encode("床前明月光");
 * DMatrixRMaj x = vocab.oneHot(ids);                       // 5 × size
 * int next = vocab.sampleIndex(logits, 0.8, new Random(0));
 * }</pre>
 */
public final class Vocabulary {

    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
        for (int id = 0; id < codePoints.length; id++) {
            ids.put(codePoints[id], id);
        }
    }

    /**
     * The vocabulary of a text: its distinct code points in ascending order.
     *
     * @param text the corpus, e.g. the whole training text
     * @return the vocabulary
     * @throws IllegalArgumentException if the text is empty
     */
    public static Vocabulary of(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Vocabulary.of: the text is empty");
        }
        return new Vocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /** @return the number of distinct characters */
    public int size() {
        return codePoints.length;
    }

    /**
     * @param codePoint a Unicode code point, e.g. {@code "月".codePointAt(0)}
     * @return whether it is in the vocabulary
     */
    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    /**
     * @param id a character id, 0 ≤ id &lt; size
     * @return the character with that id, as a string (one code point may be two {@code char}s)
     * @throws IllegalArgumentException if the id is out of range
     */
    public String character(int id) {
        requireId(id, -1);
        return Character.toString(codePoints[id]);
    }

    /**
     * Encodes a text as character ids.
     *
     * @param text the text; every character must be in the vocabulary
     * @return one id per code point
     * @throws IllegalArgumentException ("mismatched vocabulary") naming the first unknown character and its position
     *                                  counted in characters (code points) from 0
     */
    public int[] encode(String text) {
        int[] points = text.codePoints().toArray();
        int[] encoded = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            Integer id = ids.get(points[i]);
            if (id == null) {
                throw new IllegalArgumentException("Vocabulary.encode: mismatched vocabulary: character '"
                        + Character.toString(points[i]) + "' (U+" + String.format("%04X", points[i])
                        + ") at position " + i + " is not among the " + size() + " characters of this vocabulary");
            }
            encoded[i] = id;
        }
        return encoded;
    }

    /**
     * Decodes character ids back to text; {@code decode(encode(s)).equals(s)} for every text s over the vocabulary.
     *
     * @param ids character ids, each 0 ≤ id &lt; size
     * @return the text
     * @throws IllegalArgumentException naming the first id out of range and its position
     */
    public String decode(int... ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            requireId(ids[i], i);
            text.appendCodePoint(codePoints[ids[i]]);
        }
        return text.toString();
    }

    /**
     * One-hot rows: row b is all zeros except a 1 in column {@code ids[b]}.
     *
     * @param ids one character id per row of the batch
     * @return a batch × size matrix
     * @throws IllegalArgumentException naming the first id out of range and its position
     */
    public DMatrixRMaj oneHot(int... ids) {
        DMatrixRMaj rows = new DMatrixRMaj(ids.length, size());
        for (int b = 0; b < ids.length; b++) {
            requireId(ids[b], b);
            rows.set(b, ids[b], 1.0);
        }
        return rows;
    }

    /**
     * The softmax of logits divided by a temperature τ: p_i = exp(z_i/τ) / Σ_j exp(z_j/τ), computed as
     * exp((z_i − max z)/τ) / Σ_j exp((z_j − max z)/τ) so that large logits do not overflow ({@link Elementary#softmax},
     * the one softmax of the library). τ &lt; 1 sharpens the
     * distribution towards the largest logit, τ &gt; 1 flattens it, τ = 1 is the plain softmax.
     *
     * @param logits      the scores z, at least one, all finite
     * @param temperature τ &gt; 0
     * @return probabilities summing to 1
     * @throws IllegalArgumentException if τ is not a positive number, or the logits are empty or not finite
     */
    public static double[] softmax(double[] logits, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("softmax: temperature must be > 0, got " + temperature
                    + " (for the most likely character use a small temperature such as 1e-3)");
        }
        if (logits.length == 0) {
            throw new IllegalArgumentException("softmax: no logits");
        }
        for (int i = 0; i < logits.length; i++) {
            if (!Double.isFinite(logits[i])) {
                throw new IllegalArgumentException("softmax: logit " + i + " is " + logits[i]);
            }
        }
        double[] p = new double[logits.length];
        Elementary.softmax(logits, 0, logits.length, temperature, p, 0);
        return p;
    }

    /**
     * Samples a character id from the softmax of the logits at temperature τ, p_i = exp(z_i/τ) / Σ_j exp(z_j/τ)
     * (see {@link #softmax}): draws u uniform in [0, 1) and returns the first i with p_0 + … + p_i &gt; u.
     *
     * @param logits      one score per character of this vocabulary (length = size)
     * @param temperature τ &gt; 0; near 0 picks the largest logit, 1 samples the model's distribution
     * @param random      the source of randomness, e.g. {@code new Random(42)} for repeatable text
     * @return the sampled id
     * @throws IllegalArgumentException if τ ≤ 0, or the logits do not have one entry per character or are not finite
     */
    public int sampleIndex(double[] logits, double temperature, Random random) {
        if (logits.length != size()) {
            throw new IllegalArgumentException("Vocabulary.sampleIndex: expected " + size()
                    + " logits (one per character), got " + logits.length);
        }
        double[] p = softmax(logits, temperature);
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        for (int i = p.length - 1; ; i--) { // u fell into the rounding gap below 1: the last character with p > 0
            if (p[i] > 0) {
                return i;
            }
        }
    }

    private void requireId(int id, int position) {
        if (id < 0 || id >= size()) {
            throw new IllegalArgumentException("Vocabulary: id " + id + (position < 0 ? "" : " at position " + position)
                    + " is out of range 0 … " + (size() - 1));
        }
    }

    /** @return for example {@code Vocabulary[2580 characters: '\n', '%', '《', …]} */
    @Override
    public String toString() {
        StringBuilder preview = new StringBuilder();
        for (int id = 0; id < Math.min(20, size()); id++) {
            preview.append(id == 0 ? "" : " ").append(show(codePoints[id]));
        }
        return "Vocabulary[" + size() + " characters: " + preview + (size() > 20 ? " …" : "") + "]";
    }

    private static String show(int codePoint) {
        return switch (codePoint) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case ' ' -> "' '";
            default -> Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                    ? String.format("U+%04X", codePoint) : Character.toString(codePoint);
        };
    }
}
