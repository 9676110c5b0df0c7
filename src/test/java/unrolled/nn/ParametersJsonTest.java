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
}
