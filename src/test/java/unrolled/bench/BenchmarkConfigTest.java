package unrolled.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark's CELL:B:T:I:H arguments: read in any case, refused with a message naming what is wrong. */
class BenchmarkConfigTest {

    @Test
    void aConfigurationIsReadInAnyCase() {
        assertEquals(new Benchmark.Config("LSTM", 32, 35, 28, 128), Benchmark.Config.parse("lstm:32:35:28:128"));
        assertEquals("GRU:1:50:10:20", Benchmark.Config.parse("GRU:1:50:10:20").key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lstm:32            | expected CELL:B:T:I:H",
        "tcn:1:2:3:4        | CELL one of RNN, LSTM, GRU",
        "rnn:32:35:28:x     | H is 'x' in rnn:32:35:28:x",
        "gru:0:35:28:128    | B is '0'",
        "gru:32:-1:28:128   | T is '-1'"})
    void badArgumentsAreNamed(String argument, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Benchmark.Config.parse(argument));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("benchmark: "), e.getMessage());
    }
}
