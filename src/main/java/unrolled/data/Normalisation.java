package unrolled.data;

import java.util.Arrays;

/**
 * How a {@link TimeSeries} is rescaled before training. Both kinds are affine, x' = (x − shift) / scale, so the
 * fitted {@link Scaler} maps predictions back exactly.
 */
public enum Normalisation {

    /** Min-max scaling to [0, 1]: x' = (x − min) / (max − min). */
    MIN_MAX,

    /** Z-score (standardisation): x' = (x − μ) / σ with the population standard deviation σ = √(Σ (x − μ)² / n). */
    Z_SCORE;

    /**
     * Fits this normalisation to some values.
     *
     * @param values the values whose statistics define the scaling (typically the training part of a series)
     * @return the scaler holding shift and scale
     * @throws IllegalArgumentException if {@code values} is empty or constant (the scale would be 0)
     */
    public Scaler fit(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(this + ": cannot fit to no values");
        }
        double shift;
        double scale;
        if (this == MIN_MAX) {
            shift = Arrays.stream(values).min().orElseThrow();
            scale = Arrays.stream(values).max().orElseThrow() - shift;
        } else {
            shift = Arrays.stream(values).average().orElseThrow();
            double mean = shift;
            scale = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException(this + ": cannot normalise constant values (all " + values[0]
                    + "): the scale would be 0");
        }
        return new Scaler(this, shift, scale);
    }
}
