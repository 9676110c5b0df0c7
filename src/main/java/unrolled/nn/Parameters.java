package unrolled.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;

/**
 * A model's trainable parameters, in order, under PyTorch's names ("weight_ih_l0", "rnn.bias_hh_l1_reverse",
 * "fc.weight"), so that a learner can put our numbers beside PyTorch's {@code state_dict()}.
 *
 * <p>Saved as JSON in the layout of PyTorch's {@code state_dict}: one key per parameter; a weight matrix is always a
 * list of rows (a 1×n weight too — PyTorch's weights are 2-D), a vector parameter (a bias, a peephole weight: 1-D
 * in PyTorch) a flat list. A parameter is a vector when it was added with {@link #addVector} or its own name (after
 * any "module." prefix) starts with "bias". Numbers are written with Java's shortest exact representation, so a save
 * and load round-trips every bit. Loading reads a flat list and a single row alike (so files written before 1×n
 * weights became lists of rows still load), and refuses a number beyond the range of a double (1e400) and a key
 * that appears twice, naming the key.
 */
public final class Parameters implements Iterable<Map.Entry<String, Node>> {

    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final java.util.Set<String> vectors = new java.util.HashSet<>();

    /**
     * Adds a parameter under a name; names must be unique. A name starting with "bias" marks a vector (saved as a
     * flat list, 1-D as in PyTorch); any other is a matrix (saved as a list of rows).
     */
    public Parameters add(String name, Node parameter) {
        return add(name, parameter, name.substring(name.lastIndexOf('.') + 1).startsWith("bias"));
    }

    /** Adds a 1 × n parameter that PyTorch would hold as a 1-D vector (a peephole weight), saved as a flat list. */
    public Parameters addVector(String name, Node parameter) {
        return add(name, parameter, true);
    }

    private Parameters add(String name, Node parameter, boolean vector) {
        if (byName.putIfAbsent(name, parameter) != null) {
            throw new IllegalArgumentException("parameters: the name " + name + " is already taken");
        }
        if (vector) {
            vectors.add(name);
        }
        return this;
    }

    /** Whether the parameter of this name is a vector (saved as a flat list) rather than a matrix. */
    public boolean isVector(String name) {
        get(name);
        return vectors.contains(name);
    }

    /** Adds every parameter of another set, each name prefixed (e.g. "fc." for a submodule). */
    public Parameters addAll(String prefix, Parameters other) {
        other.forEach(e -> add(prefix + e.getKey(), e.getValue(), other.vectors.contains(e.getKey())));
        return this;
    }

    /** Adds every parameter of another set with a suffix on each name (e.g. "_l1" or "_l0_reverse"). */
    public Parameters addAllWithSuffix(Parameters other, String suffix) {
        other.forEach(e -> add(e.getKey() + suffix, e.getValue(), other.vectors.contains(e.getKey())));
        return this;
    }

    /** The parameter with this name; the error lists the names there are. */
    public Node get(String name) {
        Node p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("parameters: no parameter named " + name + "; have " + byName.keySet());
        }
        return p;
    }

    /** The names, in the order they were added. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The parameter nodes, in the order of {@link #names()}. */
    public List<Node> nodes() {
        return List.copyOf(byName.values());
    }

    /** The names and parameters, read-only (as {@code GradCheck.check} takes them). */
    public Map<String, Node> asMap() {
        return Collections.unmodifiableMap(byName);
    }

    /** The total number of trainable numbers. */
    public int count() {
        return byName.values().stream().mapToInt(p -> p.rows() * p.cols()).sum();
    }

    /** Sets every gradient to zero, as before each training step. */
    public void zeroGrad() {
        byName.values().forEach(Node::zeroGrad);
    }

    @Override
    public Iterator<Map.Entry<String, Node>> iterator() {
        return Collections.unmodifiableMap(byName).entrySet().iterator();
    }

    /** A table: name, shape and count of every parameter, then the total. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        int width = byName.keySet().stream().mapToInt(String::length).max().orElse(4);
        for (Map.Entry<String, Node> e : byName.entrySet()) {
            Node p = e.getValue();
            s.append(String.format(Locale.ROOT, "%-" + width + "s  %5d×%-5d %8d%n", e.getKey(), p.rows(), p.cols(),
                    p.rows() * p.cols()));
        }
        return s.append(String.format(Locale.ROOT, "%-" + width + "s  %11s %8d%n", "total", "", count())).toString();
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------

    /** The parameters as JSON text, in PyTorch's state_dict layout (see the class comment). */
    public String toJson() {
        StringBuilder s = new StringBuilder("{\n");
        Iterator<Map.Entry<String, Node>> it = byName.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Node> e = it.next();
            s.append("  \"").append(e.getKey()).append("\": ").append(Json.write(e.getValue().value(),
                    vectors.contains(e.getKey())));
            s.append(it.hasNext() ? ",\n" : "\n");
        }
        return s.append("}\n").toString();
    }

    /**
     * Writes the parameters to a JSON file. The file is written beside the target first and then moved over it,
     * so an earlier save is never left half-overwritten.
     */
    public void save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("parameters: cannot save to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies values from a JSON file into these parameters. Every name must be present with the same shape;
     * nothing is changed unless the whole file fits.
     */
    public void load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("parameters: no such file " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("parameters: cannot read " + file + ": " + e.getMessage(), e);
        }
        loadJson(text, file.toString());
    }

    /** Copies values from JSON text into these parameters (see {@link #load(Path)}). */
    public void loadJson(String json, String source) {
        Map<String, DMatrixRMaj> values = Json.parseMatrices(json, source);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Node> e : byName.entrySet()) {
            DMatrixRMaj v = values.get(e.getKey());
            DMatrixRMaj p = e.getValue().value();
            if (v == null) {
                problems.add("missing " + e.getKey());
            } else if (v.numRows != p.numRows || v.numCols != p.numCols) {
                problems.add(e.getKey() + " is " + v.numRows + "×" + v.numCols + " in the file but "
                        + p.numRows + "×" + p.numCols + " in the model");
            }
        }
        for (String name : values.keySet()) {
            if (!byName.containsKey(name)) {
                problems.add("unexpected " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("parameters: " + source + " does not fit this model: "
                    + String.join("; ", problems));
        }
        byName.forEach((name, p) -> p.value().setTo(values.get(name)));
    }
}
