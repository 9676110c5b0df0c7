package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks on error messages shared by the tests of this package. */
final class Messages {

    private Messages() {}

    /** Asserts that the call throws an IllegalArgumentException whose message contains every part. */
    static IllegalArgumentException fails(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "\"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
        return e;
    }
}
