package unrolled.nn;

/** Argument checks shared by the layers, with messages that name the layer. */
final class Checks {

    private Checks() {}

    static void requireSizes(String layer, int inputSize, int hiddenSize) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(layer + ": input and hidden sizes must be positive, got input "
                    + inputSize + " and hidden " + hiddenSize);
        }
    }
}
