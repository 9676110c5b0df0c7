package unrolled.bench;

import static unrolled.graph.Ops.linear;
import static unrolled.graph.Ops.softmaxCrossEntropy;
import static unrolled.graph.Ops.stackRows;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import unrolled.fast.kernel.Gemm;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Dense;
import unrolled.nn.Recurrent;
import unrolled.nn.SequenceOutput;
import unrolled.nn.State;

/**
 * Times one training step — forward through a fused RNN, LSTM or GRU layer, a dense head on every step, softmax
 * cross-entropy over all T·B rows, backward — in double precision on one thread, at the sizes of the README's table,
 * and the same step in PyTorch (float64, one thread) when a Python with torch is found, printing ms/step and the
 * ratio ours / PyTorch. Then the memory of one step: bytes allocated and peak live heap at T = 35 and T = 1000, and
 * truncated BPTT over T = 1000 in windows of 35.
 *
 * <p>Run it with {@code ./lab.sh benchmark}. PyTorch is timed by {@link PyTorchReference}, configuration by
 * configuration, right after the Java side.
 */
public final class Benchmark {

    /** One configuration of the table: the cell (PyTorch's class name) and batch, steps, input and hidden sizes. */
    record Config(String cell, int batch, int steps, int inputs, int hidden) {

        private static final String FORM = "expected CELL:B:T:I:H with CELL one of RNN, LSTM, GRU and positive"
                + " sizes, such as LSTM:32:35:28:128";

        /** A configuration from its CELL:B:T:I:H form (the cell in any case). */
        static Config parse(String text) {
            String[] p = text.split(":");
            if (p.length != 5 || !List.of("RNN", "LSTM", "GRU").contains(p[0].toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("benchmark: " + FORM + "; got " + text);
            }
            int[] sizes = new int[4];
            for (int i = 0; i < 4; i++) {
                try {
                    sizes[i] = Integer.parseInt(p[i + 1]);
                } catch (NumberFormatException e) {
                    sizes[i] = 0;
                }
                if (sizes[i] <= 0) {
                    throw new IllegalArgumentException("benchmark: " + "BTIH".charAt(i) + " is '" + p[i + 1]
                            + "' in " + text + "; " + FORM);
                }
            }
            return new Config(p[0].toUpperCase(Locale.ROOT), sizes[0], sizes[1], sizes[2], sizes[3]);
        }

        String key() {
            return cell + ":" + batch + ":" + steps + ":" + inputs + ":" + hidden;
        }
    }

    private static final int[][] SIZES = {{1, 50, 10, 20}, {32, 35, 28, 128}, {32, 35, 28, 256}};
    private static final double MIN_SECONDS = 1.0;

    private Benchmark() {}

    /** With no arguments, the README's table; else only the configurations given as CELL:B:T:I:H. */
    public static void main(String[] args) {
        List<Config> configs = new ArrayList<>();
        try {
            for (String arg : args) {
                configs.add(Config.parse(arg));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        if (configs.isEmpty()) {
            for (String cell : List.of("RNN", "LSTM", "GRU")) {
                for (int[] s : SIZES) {
                    configs.add(new Config(cell, s[0], s[1], s[2], s[3]));
                }
            }
        }
        System.out.printf(Locale.ROOT, "Unrolled benchmark: forward + backward of one training step, float64, one thread"
                + " (SIMD matrix kernel: %s)%n", Gemm.isSimd() ? "on" : "off");
        Optional<PyTorchReference> pytorch = PyTorchReference.start();
        System.out.println(pytorch.map(p -> "PyTorch " + p.version() + " times each configuration right after us.")
                .orElse("PyTorch not found: set UNROLLED_PYTHON to a Python with torch for the ratios."));
        System.out.printf(Locale.ROOT, "%n%-5s %4s %5s %4s %5s %14s %17s %7s%n", "cell", "B", "T", "I", "H",
                "ours ms/step", "PyTorch ms/step", "ratio");
        for (Config c : configs) {
            double ours = millisecondsPerStep(c);
            OptionalDouble reference = pytorch.map(p -> p.millisecondsPerStep(c)).orElse(OptionalDouble.empty());
            System.out.printf(Locale.ROOT, "%-5s %4d %5d %4d %5d %14.3f %17s %7s%n", c.cell(), c.batch(), c.steps(),
                    c.inputs(), c.hidden(), ours,
                    reference.isPresent() ? String.format(Locale.ROOT, "%.3f", reference.getAsDouble()) : "—",
                    reference.isPresent() ? String.format(Locale.ROOT, "%.2f", ours / reference.getAsDouble()) : "—");
        }
        pytorch.ifPresent(PyTorchReference::close);
        if (args.length == 0) {
            System.out.println();
            memory();
        }
    }

    /** The median of several timed rounds, after a warm-up long enough for the JIT compiler. */
    static double millisecondsPerStep(Config c) {
        Step step = new Step(c, Long.MAX_VALUE);
        long warmUpEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            step.run();
        }
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            int runs = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < MIN_SECONDS * 1e9 / 5) {
                step.run();
                runs++;
            }
            rounds.add((System.nanoTime() - start) / 1e6 / runs);
        }
        rounds.sort(Double::compare);
        return rounds.get(rounds.size() / 2);
    }

    /**
     * One training step's graph on fixed random data: the fused layer, the head on all T·B rows at once, the mean
     * cross-entropy, zeroed gradients and backward. With {@code window} below T, truncated BPTT: the sequence is
     * processed window by window, the state carried in detached.
     */
    static final class Step {
        private final Recurrent rnn;
        private final Dense head;
        private final List<Node> xs = new ArrayList<>();
        private final int[] classes;
        private final int batch;
        private final int window;

        Step(Config c, long window) {
            Random random = new Random(0);
            rnn = builder(c).fused(true).seed(0).build();
            head = Dense.random(c.hidden(), c.inputs(), random);
            for (int t = 0; t < c.steps(); t++) {
                xs.add(Node.constant(Tensors.gaussian(c.batch(), c.inputs(), 1, random)));
            }
            classes = random.ints(c.steps() * c.batch(), 0, c.inputs()).toArray();
            batch = c.batch();
            this.window = (int) Math.min(window, c.steps());
        }

        private static Recurrent.Builder builder(Config c) {
            return switch (c.cell()) {
                case "RNN" -> Recurrent.rnn(c.inputs(), c.hidden());
                case "LSTM" -> Recurrent.lstm(c.inputs(), c.hidden());
                case "GRU" -> Recurrent.gru(c.inputs(), c.hidden());
                default -> throw new IllegalArgumentException("unknown cell " + c.cell());
            };
        }

        double run() {
            return run(() -> {});
        }

        /** One step; {@code afterBackward} runs after each window's backward, while its graph is still alive. */
        double run(Runnable afterBackward) {
            rnn.parameters().zeroGrad();
            head.parameters().zeroGrad();
            List<State> states = rnn.initialStates(batch);
            double total = 0;
            for (int start = 0; start < xs.size(); start += window) {
                int end = Math.min(xs.size(), start + window);
                SequenceOutput out = rnn.forward(xs.subList(start, end), states);
                Node logits = linear(stackRows(out.outputs()), head.parameters().get("weight"),
                        head.parameters().get("bias"));
                int[] target = java.util.Arrays.copyOfRange(classes, start * batch, end * batch);
                Node loss = softmaxCrossEntropy(logits, target);
                loss.backward();
                afterBackward.run();
                total += loss.scalar();
                states = out.finalStates().stream().map(State::detach).toList();
            }
            return total;
        }
    }

    /**
     * Allocation and live heap of one LSTM step (B = 32, I = 28, H = 128) as T grows, and with truncated BPTT. The
     * live heap is measured after a garbage collection at the end of each window's backward pass, while its graph
     * (values, gradients, saved activations) is still referenced: the most memory a step needs.
     */
    private static void memory() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("Memory of one LSTM training step (B=32, I=28, H=128):");
        System.out.printf(Locale.ROOT, "%-24s %18s %18s%n", "sequence", "allocated/step", "peak live heap");
        Object[][] rows = {{"T = 35", 35, Long.MAX_VALUE}, {"T = 1000", 1000, Long.MAX_VALUE},
            {"T = 1000, TBPTT k = 35", 1000, 35L}};
        for (Object[] row : rows) {
            Step step = new Step(new Config("LSTM", 32, (Integer) row[1], 28, 128), (Long) row[2]);
            step.run();
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            step.run();
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            System.gc();
            long baseline = heapUsed();
            long[] peak = {0};
            step.run(() -> {
                System.gc();
                peak[0] = Math.max(peak[0], heapUsed() - baseline);
            });
            System.out.printf(Locale.ROOT, "%-24s %15.1f MB %15.1f MB%n", row[0], allocated / 1e6, peak[0] / 1e6);
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

}
