package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import unrolled.graph.Node;

/** Saving and loading a model's parameters: exact round trips, and refusals that name the problem. */
class ParametersJsonTest {

    @TempDir
    Path dir;

    private static Recurrent model(long seed) {
        return Recurrent.peephole(3, 4).layers(2).bidirectional(true).seed(seed).build();
    }

    @Test
    void saveThenLoadIntoAFreshModelReproducesEveryBit() {
        Recurrent saved = model(1);
        Path file = dir.resolve("lstm.json");
        saved.parameters().save(file);
        Recurrent loaded = model(2);
        assertNotEquals(saved.parameters().get("weight_ih_l0").get(0, 0),
                loaded.parameters().get("weight_ih_l0").get(0, 0));
        loaded.parameters().load(file);
        for (Map.Entry<String, Node> p : saved.parameters()) {
            double[] expected = p.getValue().value().data;
            double[] actual = loaded.parameters().get(p.getKey()).value().data;
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        p.getKey() + "[" + i + "]");
            }
        }
    }

    @Test
    void aStructureRoundTripsUnderModuleNames() {
        ManyToOne a = ManyToOne.of(Recurrent.gru(2, 3).seed(1).build(), 1, 1);
        ManyToOne b = ManyToOne.of(Recurrent.gru(2, 3).seed(2).build(), 1, 2);
        b.parameters().loadJson(a.parameters().toJson(), "memory");
        assertEquals(a.parameters().toJson(), b.parameters().toJson());
        String json = a.parameters().toJson();
        assertTrue(json.contains("\"rnn.weight_hh_l0\"") && json.contains("\"fc.bias\""), json);
    }

    @Test
    void aMissingKeyIsNamedAndNothingChanges() {
        String json = model(1).parameters().toJson().replaceFirst("\"weight_cf_l1\": \\[[^\\]]*\\],\\n", "");
        assertRefused(json, "missing weight_cf_l1");
    }

    @Test
    void anExtraKeyIsNamedAndNothingChanges() {
        String json = model(1).parameters().toJson().replaceFirst("\\{", "{\n  \"weight_ih_l2\": [0.5],");
        assertRefused(json, "unexpected weight_ih_l2");
    }

    @Test
    void aWrongShapeIsNamedAndNothingChanges() {
        String json = Recurrent.peephole(3, 4).layers(2).bidirectional(true).seed(1).build().parameters().toJson()
                .replaceFirst("\"bias_hh_l0\": \\[", "\"bias_hh_l0\": [0.25, ");
        assertRefused(json, "bias_hh_l0 is 1×17 in the file but 1×16 in the model");
    }

    private void assertRefused(String json, String expectedMessage) {
        Recurrent target = model(3);
        String before = target.parameters().toJson();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> target.parameters().loadJson(json, "edited.json"));
        assertTrue(e.getMessage().contains(expectedMessage) && e.getMessage().contains("edited.json"), e.getMessage());
        assertEquals(before, target.parameters().toJson(), "the model must be unchanged");
    }

    @Test
    void aMissingFileNamesThePath() {
        Path missing = dir.resolve("nowhere").resolve("model.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model(1).parameters().load(missing));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void aPyTorchStateDictLoadsByName() throws Exception {
        Path file = Path.of(getClass().getResource("lstm.state_dict.json").toURI());
        Recurrent lstm = Recurrent.lstm(3, 2).layers(2).bidirectional(true).seed(0).build();
        lstm.parameters().load(file);
        Map<String, DMatrixRMaj> stateDict = Json.parseMatrices(Files.readString(file), file.toString());
        assertEquals(lstm.parameters().names(), List.copyOf(stateDict.keySet()), "PyTorch's names, in its order");
        stateDict.forEach((name, value) ->
                assertArrayEquals(value.data, lstm.parameters().get(name).value().data, 0, name));
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIsRefusedNamingTheKey() {
        String json = model(1).parameters().toJson().replaceFirst("\"bias_ih_l1\": \\[[^,]*,", "\"bias_ih_l1\": [1e400,");
        assertRefused(json, "bias_ih_l1 holds 1e400, beyond the range of a double (it would load as +Infinity)");
        String negative = model(1).parameters().toJson().replaceFirst("\"bias_ih_l1\": \\[[^,]*,", "\"bias_ih_l1\": [-2e308,");
        assertRefused(negative, "bias_ih_l1 holds -2e308, beyond the range of a double (it would load as -Infinity)");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingTheKey() {
        String json = model(1).parameters().toJson().replaceFirst("\\{", "{\n  \"weight_co_l1\": [1, 2, 3, 4],");
        assertRefused(json, "the key weight_co_l1 appears twice");
    }

    @Test
    void aOneRowWeightIsAListOfRowsAndABiasAFlatList() {
        ManyToOne oneOutput = ManyToOne.of(Recurrent.rnn(3, 1).seed(1).build(), 1, 2);
        String json = oneOutput.parameters().toJson();
        assertTrue(json.matches("(?s).*\"rnn.weight_ih_l0\": \\[\\[[^\\[\\]]*\\]\\],.*"), json);
        assertTrue(json.matches("(?s).*\"rnn.weight_hh_l0\": \\[\\[[^\\[\\]]*\\]\\],.*"), json);
        assertTrue(json.matches("(?s).*\"rnn.bias_hh_l0\": \\[[^\\[\\]]*\\],.*"), json);
        assertTrue(json.matches("(?s).*\"fc.weight\": \\[\\[[^\\[\\]]*\\]\\],.*"), json);
        assertTrue(json.matches("(?s).*\"fc.bias\": \\[[^\\[\\]]*\\]\\n.*"), json);
    }

    @Test
    void aFileInTheOldFormatWithOneRowWeightsAsFlatListsStillLoads() {
        ManyToOne saved = ManyToOne.of(Recurrent.rnn(3, 1).seed(1).build(), 1, 2);
        String old = saved.parameters().toJson().replaceAll("\\[\\[([^\\[\\]]*)\\]\\]", "[$1]");
        assertTrue(old.contains("\"fc.weight\": [") && !old.contains("[["), old);
        ManyToOne loaded = ManyToOne.of(Recurrent.rnn(3, 1).seed(5).build(), 1, 6);
        loaded.parameters().loadJson(old, "old.json");
        assertEquals(saved.parameters().toJson(), loaded.parameters().toJson());
    }

    /**
     * Every parameter shape of the models, checked against PyTorch's state_dict layout written out by hand here —
     * weight (gates·H, in) and (gates·H, H) as lists of rows, bias (gates·H) flat, nn.Linear weight (out, in) and bias
     * (out) — then loaded into a fresh model bit for bit. The sizes include the awkward ones: one hidden unit (W_hh
     * 1×1, W_ih 1×in for an RNN), one output (fc.weight 1×H), one input.
     */
    @Test
    void everyParameterShapeRoundTripsThroughPyTorchsLayout() {
        record Case(String what, java.util.function.LongFunction<Parameters> model, Map<String, List<Integer>> shapes) {}
        List<Case> cases = List.of(
                new Case("RNN(3, 1)", s -> Recurrent.rnn(3, 1).seed(s).build().parameters(), Map.of(
                        "weight_ih_l0", List.of(1, 3), "weight_hh_l0", List.of(1, 1),
                        "bias_ih_l0", List.of(1), "bias_hh_l0", List.of(1))),
                new Case("LSTM(1, 2) 2 layers bidirectional", s -> Recurrent.lstm(1, 2).layers(2).bidirectional(true)
                        .seed(s).build().parameters(), Map.ofEntries(
                        Map.entry("weight_ih_l0", List.of(8, 1)), Map.entry("weight_hh_l0", List.of(8, 2)),
                        Map.entry("bias_ih_l0", List.of(8)), Map.entry("bias_hh_l0", List.of(8)),
                        Map.entry("weight_ih_l0_reverse", List.of(8, 1)),
                        Map.entry("weight_hh_l0_reverse", List.of(8, 2)),
                        Map.entry("bias_ih_l0_reverse", List.of(8)), Map.entry("bias_hh_l0_reverse", List.of(8)),
                        Map.entry("weight_ih_l1", List.of(8, 4)), Map.entry("weight_hh_l1", List.of(8, 2)),
                        Map.entry("bias_ih_l1", List.of(8)), Map.entry("bias_hh_l1", List.of(8)),
                        Map.entry("weight_ih_l1_reverse", List.of(8, 4)),
                        Map.entry("weight_hh_l1_reverse", List.of(8, 2)),
                        Map.entry("bias_ih_l1_reverse", List.of(8)), Map.entry("bias_hh_l1_reverse", List.of(8)))),
                new Case("GRU(2, 1) with a one-output head", s -> ManyToOne.of(Recurrent.gru(2, 1).seed(s).build(), 1,
                        s + 1).parameters(), Map.of(
                        "rnn.weight_ih_l0", List.of(3, 2), "rnn.weight_hh_l0", List.of(3, 1),
                        "rnn.bias_ih_l0", List.of(3), "rnn.bias_hh_l0", List.of(3),
                        "fc.weight", List.of(1, 1), "fc.bias", List.of(1))),
                new Case("LSTM(3, 4) with a 2-output head", s -> ManyToOne.of(Recurrent.lstm(3, 4).seed(s).build(), 2,
                        s + 1).parameters(), Map.of(
                        "rnn.weight_ih_l0", List.of(16, 3), "rnn.weight_hh_l0", List.of(16, 4),
                        "rnn.bias_ih_l0", List.of(16), "rnn.bias_hh_l0", List.of(16),
                        "fc.weight", List.of(2, 4), "fc.bias", List.of(2))),
                new Case("peephole LSTM(2, 3)", s -> Recurrent.peephole(2, 3).seed(s).build().parameters(), Map.of(
                        "weight_ih_l0", List.of(12, 2), "weight_hh_l0", List.of(12, 3),
                        "bias_ih_l0", List.of(12), "bias_hh_l0", List.of(12),
                        "weight_ci_l0", List.of(3), "weight_cf_l0", List.of(3), "weight_co_l0", List.of(3))),
                new Case("Dense(5, 1)", s -> Dense.random(5, 1, new java.util.Random(s)).parameters(), Map.of(
                        "weight", List.of(1, 5), "bias", List.of(1))));
        for (Case c : cases) {
            Parameters saved = c.model().apply(1);
            String json = saved.toJson();
            Map<String, List<Integer>> shapes = NestedLists.shapes(json);
            assertEquals(c.shapes(), shapes, c.what() + ":\n" + json);
            Parameters loaded = c.model().apply(7);
            loaded.loadJson(json, c.what());
            for (Map.Entry<String, Node> p : saved) {
                double[] expected = p.getValue().value().data;
                double[] actual = loaded.get(p.getKey()).value().data;
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                            c.what() + " " + p.getKey() + "[" + i + "]");
                }
            }
        }
    }

    /** The nesting of a state_dict file read as plain JSON (as Python's json.load would): name → tensor shape. */
    private static final class NestedLists {
        static Map<String, List<Integer>> shapes(String json) {
            Map<String, List<Integer>> shapes = new java.util.LinkedHashMap<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]+)\": (\\[.*?\\])(,?)\\n").matcher(json);
            while (m.find()) {
                shapes.put(m.group(1), shape(m.group(2).replace(" ", "")));
            }
            return shapes;
        }

        private static List<Integer> shape(String list) {
            if (!list.startsWith("[[")) {
                return List.of(list.split(",").length);
            }
            String[] rows = list.substring(1, list.length() - 1).split("\\],\\[");
            return List.of(rows.length, rows[0].split(",").length);
        }
    }
}
