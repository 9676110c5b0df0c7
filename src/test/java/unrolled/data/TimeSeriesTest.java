package unrolled.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class TimeSeriesTest {

    @TempDir
    Path dir;

    /** A CSV with columns t and value, value = 1 … 10. */
    private Path tinyCsv() throws IOException {
        StringBuilder csv = new StringBuilder("t,value\n");
        for (int t = 0; t < 10; t++) {
            csv.append(t).append(',').append(t + 1).append('\n');
        }
        return Files.writeString(dir.resolve("tiny.csv"), csv);
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void loadsTheColumnInFileOrder() throws IOException {
        TimeSeries s = TimeSeries.fromCsv(tinyCsv(), "value");
        assertEquals("value", s.name());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, s.values());
        assertTrue(s.toString().contains("10 values"), s.toString());
    }

    @Test
    void windowsHoldConsecutiveValuesAndTheNextOneAsTarget() throws IOException {
        SlidingWindows w = TimeSeries.fromCsv(tinyCsv(), "value").windows(3);
        assertEquals(7, w.size());
        assertEquals(3, w.steps());
        assertArrayEquals(new double[] {1, 2, 3}, w.inputs()[0]);
        assertArrayEquals(new double[] {7, 8, 9}, w.inputs()[6]);
        assertArrayEquals(new double[] {4, 5, 6, 7, 8, 9, 10}, w.targets());
    }

    @Test
    void splitKeepsTimeOrderAndRoundsCumulativeFractions() throws IOException {
        // 7 windows: train round(0.6·7) = 4, validation up to round(0.8·7) = 6, test the last 1.
        Splits s = TimeSeries.fromCsv(tinyCsv(), "value").split(3, 0.6, 0.2, 0.2);
        assertEquals(4, s.train().size());
        assertEquals(2, s.validation().size());
        assertEquals(1, s.test().size());
        assertArrayEquals(new double[] {4, 5, 6, 7}, s.train().targets());
        assertArrayEquals(new double[] {5, 6, 7}, s.validation().inputs()[0]);
        assertArrayEquals(new double[] {8, 9}, s.validation().targets());
        assertArrayEquals(new double[] {7, 8, 9}, s.test().inputs()[0]);
        assertArrayEquals(new double[] {10}, s.test().targets());
    }

    @Test
    void aZeroFractionGivesAnEmptySplit() throws IOException {
        Splits s = TimeSeries.fromCsv(tinyCsv(), "value").split(3, 0.8, 0, 0.2);
        assertEquals(0, s.validation().size());
        assertEquals(7, s.train().size() + s.test().size());
        assertTrue(s.validation().batches(4).isEmpty());
    }

    @Test
    void batchesAreOneMatrixPerTimeStepWithOneRowPerWindow() throws IOException {
        SlidingWindows w = TimeSeries.fromCsv(tinyCsv(), "value").windows(3);
        List<Batch> batches = w.batches(3);
        assertEquals(List.of(3, 3, 1), batches.stream().map(Batch::size).toList());
        Batch first = batches.get(0);
        assertEquals(3, first.steps());
        for (int t = 0; t < 3; t++) {
            DMatrixRMaj x = first.inputs().get(t);
            assertEquals(3, x.numRows);
            assertEquals(1, x.numCols);
            for (int b = 0; b < 3; b++) {
                assertEquals(b + t + 1, x.get(b, 0)); // window b starts at value b + 1
            }
        }
        assertEquals(4, first.targets().get(0, 0));
        assertEquals(6, first.targets().get(2, 0));
        assertEquals(10, batches.get(2).targets().get(0, 0));
    }

    @Test
    void shuffledBatchesArePermutationsRepeatableBySeed() throws IOException {
        SlidingWindows w = TimeSeries.fromCsv(tinyCsv(), "value").windows(2);
        double[] a = targetsOf(w.batches(3, new Random(7)));
        double[] b = targetsOf(w.batches(3, new Random(7)));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(w.targets()), Arrays.toString(a));
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(w.targets(), sorted);
        // the rows of a shuffled batch stay together: target = last input + 1
        for (Batch batch : w.batches(3, new Random(7))) {
            for (int r = 0; r < batch.size(); r++) {
                assertEquals(batch.inputs().get(1).get(r, 0) + 1, batch.targets().get(r, 0));
            }
        }
    }

    private static double[] targetsOf(List<Batch> batches) {
        List<Double> all = new ArrayList<>();
        batches.forEach(b -> Arrays.stream(b.targets().data, 0, b.size()).forEach(all::add));
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void minMaxMapsToTheUnitIntervalAndBack() {
        TimeSeries raw = TimeSeries.of("x", 3, -1, 7, 5);
        TimeSeries n = raw.normalise(Normalisation.MIN_MAX);
        assertArrayEquals(new double[] {0.5, 0, 1, 0.75}, n.values(), 1e-12);
        assertArrayEquals(raw.values(), n.denormalise(n.values()), 1e-12);
        assertEquals(-1, n.scaler().shift());
        assertEquals(8, n.scaler().scale());
    }

    @Test
    void zScoreHasMeanZeroAndUnitPopulationDeviationAndRoundTrips() {
        TimeSeries raw = TimeSeries.of("x", 2, 4, 4, 4, 5, 5, 7, 9); // mean 5, population σ 2
        TimeSeries n = raw.normalise(Normalisation.Z_SCORE);
        assertEquals(5, n.scaler().shift(), 1e-12);
        assertEquals(2, n.scaler().scale(), 1e-12);
        assertEquals(0, Arrays.stream(n.values()).average().orElseThrow(), 1e-12);
        assertArrayEquals(raw.values(), n.denormalise(n.values()), 1e-12);
        DMatrixRMaj predictions = new DMatrixRMaj(new double[][] {{0}, {1.5}});
        assertArrayEquals(new double[] {5, 8}, n.denormalise(predictions), 1e-12);
        assertEquals(9, n.denormalise(2.0), 1e-12);
    }

    @Test
    void fitFractionUsesOnlyTheLeadingStretch() throws IOException {
        TimeSeries n = TimeSeries.fromCsv(tinyCsv(), "value").normalise(Normalisation.MIN_MAX, 0.5); // fit on 1 … 5
        assertEquals(1, n.scaler().shift());
        assertEquals(4, n.scaler().scale());
        assertEquals(2.25, n.get(9), 1e-12); // (10 − 1) / 4: later values may leave [0, 1]
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nowhere.csv");
        String m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(missing, "value"));
        assertTrue(m.contains("no such file") && m.contains(missing.toString()), m);
    }

    @Test
    void missingColumnNamesItAndListsTheAvailableOnes() throws IOException {
        Path file = tinyCsv();
        String m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(file, "Value"));
        assertTrue(m.contains("'Value'") && m.contains("[t, value]"), m);
    }

    @Test
    void nonNumericValueNamesTheRowLineAndText() throws IOException {
        Path file = csv("bad.csv", "t,value\n0,1.5\n1,2.5\n2,abc\n3,4\n");
        String m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(file, "value"));
        assertTrue(m.contains("row 2") && m.contains("line 4 of bad.csv") && m.contains("'abc'")
                && m.contains("not a finite number"), m);
    }

    @Test
    void missingValueNamesTheRow() throws IOException {
        Path file = csv("gap.csv", "t,value\n0,1\n1,\n2,3\n");
        String m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(file, "value"));
        assertTrue(m.contains("missing value") && m.contains("row 1") && m.contains("line 3"), m);
    }

    @Test
    void nanAndInfinityInTheFileAreRejected() throws IOException {
        Path nan = csv("nan.csv", "value\n1\nNaN\n");
        String m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(nan, "value"));
        assertTrue(m.contains("row 1") && m.contains("missing value") && m.contains("NaN"), m);
        Path infinite = csv("inf.csv", "value\n1\n2\nInfinity\n");
        m = message(IllegalArgumentException.class, () -> TimeSeries.fromCsv(infinite, "value"));
        assertTrue(m.contains("row 2") && m.contains("'Infinity'") && m.contains("not a finite number"), m);
    }

    @Test
    void windowLongerThanTheSeriesIsRejected() throws IOException {
        TimeSeries s = TimeSeries.fromCsv(tinyCsv(), "value");
        String m = message(IllegalArgumentException.class, () -> s.windows(10));
        assertTrue(m.contains("window 10 is too long for 10 values") && m.contains("11"), m);
        assertThrows(IllegalArgumentException.class, () -> s.split(12, 0.8, 0.1, 0.1));
        assertTrue(message(IllegalArgumentException.class, () -> s.windows(0)).contains("at least 1"));
    }

    @Test
    void fractionsThatDoNotSumToOneAreRejected() throws IOException {
        TimeSeries s = TimeSeries.fromCsv(tinyCsv(), "value");
        String m = message(IllegalArgumentException.class, () -> s.split(3, 0.7, 0.2, 0.2));
        assertTrue(m.contains("sum to 1") && m.contains("train 0.7 + validation 0.2 + test 0.2"), m);
        m = message(IllegalArgumentException.class, () -> s.split(3, 1.2, -0.1, -0.1));
        assertTrue(m.contains("fractions must be"), m);
        m = message(IllegalArgumentException.class, () -> s.split(3, 0.8, 0.05, 0.15)); // 7 windows: 6, 6 → none
        assertTrue(m.contains("validation fraction 0.05") && m.contains("no window"), m);
    }

    @Test
    void normalisationMisuseIsExplained() {
        TimeSeries raw = TimeSeries.of("flat", 2, 2, 2);
        assertTrue(message(IllegalArgumentException.class, () -> raw.normalise(Normalisation.Z_SCORE))
                .contains("constant"));
        assertTrue(message(IllegalStateException.class, () -> raw.denormalise(1.0)).contains("not normalised"));
        TimeSeries n = TimeSeries.of("x", 1, 2).normalise(Normalisation.MIN_MAX);
        assertTrue(message(IllegalStateException.class, () -> n.normalise(Normalisation.MIN_MAX))
                .contains("already normalised"));
        assertThrows(IllegalArgumentException.class, () -> TimeSeries.of("x", 1, Double.NaN));
    }

    @Test
    void windowsFromArraysCheckTheirShape() {
        assertTrue(message(IllegalArgumentException.class,
                () -> SlidingWindows.of("w", new double[][] {{1, 2}, {3}}, new double[] {3, 4})).contains("window 1 has 1"));
        assertTrue(message(IllegalArgumentException.class,
                () -> SlidingWindows.of("w", new double[][] {{1, 2}}, new double[] {3, 4})).contains("2 targets"));
        SlidingWindows w = SlidingWindows.of("w", new double[][] {{1, 2}, {2, 3}}, new double[] {3, 4});
        assertEquals(2, w.all().size());
        assertTrue(message(IllegalArgumentException.class, () -> w.batches(0)).contains("batch size"));
        assertTrue(message(IllegalArgumentException.class, () -> w.batch(2)).contains("no window 2"));
    }

    // The real data shipped in notebooks/data (tests run with the project directory as working directory).

    @Test
    void sunspotsLoadAndSplit() {
        TimeSeries s = TimeSeries.fromCsv(Path.of("notebooks/data/sunspots.csv"), "SUNACTIVITY");
        assertEquals(309, s.length());
        assertEquals(5.0, s.get(0));
        Splits splits = s.normalise(Normalisation.MIN_MAX, 0.8).split(20, 0.8, 0.1, 0.1);
        assertEquals(289, splits.train().size() + splits.validation().size() + splits.test().size());
    }

    @Test
    void co2GapsAreNamedAndCanBeDroppedWithTablesaw() {
        String m = message(IllegalArgumentException.class,
                () -> TimeSeries.fromCsv(Path.of("notebooks/data/co2.csv"), "co2"));
        assertTrue(m.contains("missing value") && m.contains("co2.csv"), m);
        Table table = Table.read().csv("notebooks/data/co2.csv").dropRowsWithMissingValues();
        assertEquals(2225, TimeSeries.fromTable(table, "co2").length());
        assertEquals(100, TimeSeries.fromCsv(Path.of("notebooks/data/nile.csv"), "volume").length());
    }
}
