package unrolled.graph;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD side of {@link Activations}; loaded only when the Vector API module is present. */
final class VectorActivations {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorActivations() {}

    /** σ(x) = 1/(1 + e^(−x)); for very negative x, e^(−x) overflows to ∞ and σ correctly becomes 0. */
    static void sigmoid(double[] a, int from, int to) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i);
            one.div(x.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Activations.sigmoid(a[i]);
        }
    }

    static void tanh(double[] a, int from, int to) {
        int i = from;
        for (; i <= to - LANES; i += LANES) {
            DoubleVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.TANH).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.tanh(a[i]);
        }
    }
}
