package unrolled.lesson;

/** A claim a lesson makes about its own results did not hold; the message names the claim and the measured value. */
public final class ClaimFailed extends RuntimeException {

    ClaimFailed(String message) {
        super(message);
    }
}
