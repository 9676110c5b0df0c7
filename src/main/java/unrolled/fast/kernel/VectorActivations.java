package unrolled.fast.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import unrolled.maths.Elementary;

/**
 * The SIMD side of {@link Activations}; loaded only when the Vector API module is present.
 *
 * <p>Both functions rest on one e^x written with exactly rounded operations only (+, ×, fused multiply-add, bit
 * shifts), so a lane gives the same bits interpreted, compiled by C1 or by C2: a seeded training run is
 * reproducible to the last digit, before and after the JIT warms up. (The Vector API's own {@code EXP} and
 * {@code TANH} operators call a vector maths library once compiled and plain Java before, and the two round
 * differently.)
 *
 * <p>e^x = 2^n·e^r with n = round(x/ln 2) and r = x − n·ln 2, |r| ≤ ln 2 / 2; e^r − 1 is its Taylor polynomial to
 * degree 13 (truncation error below 10^−17), and 2^n is built in the exponent bits, in two factors so that
 * subnormal results and overflow to ∞ come out right.
 */
final class VectorActivations {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split in two so that n·LN2_HI is exact for |n| ≤ 2^11. */
    private static final double LN2_HI = 0x1.62e42fee00000p-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** Adding 1.5·2^52 rounds to the nearest integer and leaves it in the low bits of the sum. */
    private static final double ROUNDER = 0x1.8p52;
    /** 1/k! for k = 2 … 13, the coefficients of e^r − 1 = r + r²/2! + … + r¹³/13!. */
    private static final double[] INVERSE_FACTORIALS = inverseFactorials(13);

    private VectorActivations() {}

    /** σ(x) = 1/(1 + e^(−x)); for very negative x, e^(−x) overflows to ∞ and σ correctly becomes 0. */
    static void sigmoid(double[] a, int from, int to) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            one.div(exp(x.neg()).add(one)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Elementary.sigmoid(a[i]);
        }
    }

    /** tanh x = −m/(2 + m)·sign x with m = e^(−2|x|) − 1, which keeps full relative precision near 0. */
    static void tanh(double[] a, int from, int to) {
        DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            DoubleVector m = expm1(x.abs().mul(-2.0));
            DoubleVector t = m.neg().div(m.add(two));
            t.blend(t.neg(), x.lt(0.0)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.tanh(a[i]);
        }
    }

    /** e^x lane by lane: (1 + (e^r − 1))·2^n. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = clamp(x);
        DoubleVector shifted = shifted(clamped);
        return expm1Reduced(clamped, shifted).add(1.0).mul(lowerHalfPower(shifted)).mul(upperHalfPower(shifted));
    }

    /** e^x − 1 lane by lane, as 2^n·(e^r − 1) + (2^n − 1). */
    static DoubleVector expm1(DoubleVector x) {
        DoubleVector clamped = clamp(x);
        DoubleVector shifted = shifted(clamped);
        DoubleVector scale = lowerHalfPower(shifted).mul(upperHalfPower(shifted));
        return expm1Reduced(clamped, shifted).lanewise(VectorOperators.FMA, scale, scale.sub(1.0));
    }

    /** x clamped to [−746, 710], beyond which e^x is 0 or ∞ anyway; NaN stays NaN. */
    private static DoubleVector clamp(DoubleVector x) {
        return x.max(-746.0).min(710.0);
    }

    /** x/ln 2 + 1.5·2^52: n = round(x/ln 2) is this minus 1.5·2^52, and sits in its low bits. */
    private static DoubleVector shifted(DoubleVector x) {
        return x.lanewise(VectorOperators.FMA, LOG2_E, ROUNDER);
    }

    /** e^r − 1 for r = x − n·ln 2: r + r²·(1/2! + r/3! + … + r¹¹/13!). */
    private static DoubleVector expm1Reduced(DoubleVector x, DoubleVector shifted) {
        DoubleVector n = shifted.sub(ROUNDER);
        DoubleVector r = n.lanewise(VectorOperators.FMA, -LN2_HI, x);
        r = n.lanewise(VectorOperators.FMA, -LN2_LO, r);
        int last = INVERSE_FACTORIALS.length - 1;
        DoubleVector p = DoubleVector.broadcast(SPECIES, INVERSE_FACTORIALS[last]);
        for (int k = last - 1; k >= 0; k--) {
            p = p.lanewise(VectorOperators.FMA, r, DoubleVector.broadcast(SPECIES, INVERSE_FACTORIALS[k]));
        }
        return p.lanewise(VectorOperators.FMA, r.mul(r), r);
    }

    /** 2^⌊n/2⌋ (two factors so that 2^n itself may be subnormal or overflow). */
    private static DoubleVector lowerHalfPower(DoubleVector shifted) {
        return powerOfTwo(exponent(shifted).lanewise(VectorOperators.ASHR, 1));
    }

    /** 2^(n − ⌊n/2⌋). */
    private static DoubleVector upperHalfPower(DoubleVector shifted) {
        LongVector n = exponent(shifted);
        return powerOfTwo(n.sub(n.lanewise(VectorOperators.ASHR, 1)));
    }

    /** n from the low 12 bits of x/ln 2 + 1.5·2^52, sign-extended (|n| ≤ 1077 here). */
    private static LongVector exponent(DoubleVector shifted) {
        return ((LongVector) shifted.viewAsIntegralLanes()).lanewise(VectorOperators.LSHL, 52)
                .lanewise(VectorOperators.ASHR, 52);
    }

    /** 2^k for integer lanes k in [−1022, 1023], written straight into the exponent field. */
    private static DoubleVector powerOfTwo(LongVector k) {
        return (DoubleVector) k.add(1023L).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    }

    private static double[] inverseFactorials(int degree) {
        double[] c = new double[degree - 1];
        double factorial = 1;
        for (int k = 2; k <= degree; k++) {
            factorial *= k;
            c[k - 2] = 1 / factorial;
        }
        return c;
    }
}
