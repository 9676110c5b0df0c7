package unrolled.graph;

/** Thrown when an op receives inputs whose shapes do not fit; the message names the op and the shapes. */
public class ShapeException extends IllegalArgumentException {

    public ShapeException(String message) {
        super(message);
    }
}
