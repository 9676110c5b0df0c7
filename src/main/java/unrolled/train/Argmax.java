package unrolled.train;

import unrolled.graph.Node;

/**
 * The predicted class of a row of scores: argmax<sub>k</sub> z[row, k], the first one on a tie. The softmax is
 * monotone, so the likeliest class under p = softmax(z) is the argmax of the scores z themselves.
 */
public final class Argmax {

    private Argmax() {}

    /** argmax<sub>k</sub> scores[row, k] (the smallest k among equal largest scores). */
    public static int argmax(Node scores, int row) {
        int best = 0;
        for (int k = 1; k < scores.cols(); k++) {
            if (scores.get(row, k) > scores.get(row, best)) {
                best = k;
            }
        }
        return best;
    }

    /** The argmax of every row of the scores. */
    public static int[] argmax(Node scores) {
        int[] out = new int[scores.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = argmax(scores, r);
        }
        return out;
    }
}
