package unrolled.data;

/**
 * A fitted affine normalisation: {@code apply} computes x' = (x − shift) / scale and {@code invert} computes
 * x = x' · scale + shift. For {@link Normalisation#MIN_MAX} shift = min and scale = max − min; for
 * {@link Normalisation#Z_SCORE} shift = mean and scale = standard deviation.
 *
 * @param kind  which normalisation produced it
 * @param shift the value subtracted before dividing
 * @param scale the divisor, always &gt; 0
 */
public record Scaler(Normalisation kind, double shift, double scale) {

    /**
     * Checks the statistics.
     *
     * @param kind  which normalisation produced it
     * @param shift the value subtracted before dividing
     * @param scale the divisor
     * @throws IllegalArgumentException if the scale is not a positive finite number or the shift is not finite
     */
    public Scaler {
        if (!(scale > 0) || Double.isInfinite(scale) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("Scaler: need a finite shift and a positive finite scale, got shift "
                    + shift + " and scale " + scale);
        }
    }

    /**
     * Normalises one value.
     *
     * @param x a value on the original scale
     * @return (x − shift) / scale
     */
    public double apply(double x) {
        return (x - shift) / scale;
    }

    /**
     * Maps one normalised value back to the original scale.
     *
     * @param normalised a value on the normalised scale, e.g. a prediction
     * @return normalised · scale + shift
     */
    public double invert(double normalised) {
        return normalised * scale + shift;
    }

    /** @return for example {@code Scaler[MIN_MAX: x' = (x − 0.0) / 190.2]} */
    @Override
    public String toString() {
        return "Scaler[" + kind + ": x' = (x − " + shift + ") / " + scale + "]";
    }
}
