package unrolled.graph;

/** Thrown when an op receives inputs whose shapes do not fit; the message names the op and the shapes. */
public class ShapeException extends IllegalArgumentException {

    /** An exception with a message such as "matmul: cannot multiply 2×3 by 2×3 (…)". */
    public ShapeException(String message) {
        super(message);
    }
}
