package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Each cell computes its formula: one step by hand with scalar weights, and article 1's worked example. */
class CellFormulaTest {

    private static Node p(String name, double... values) {
        return Node.param(name, Tensors.row(values));
    }

    private static Node column(String name, double... values) {
        return Node.param(name, new DMatrixRMaj(values.length, 1, true, values));
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    @Test
    void article1LinearMemoryGives4_12_32() {
        RecurrentLayer layer = new RecurrentLayer(ElmanCell.linearMemory(2, 2));
        Dense output = Dense.allOnes(2, 2);
        List<Node> xs = List.of(Node.constant(Tensors.row(1, 1)), Node.constant(Tensors.row(1, 1)),
                Node.constant(Tensors.row(2, 2)));
        List<Node> ys = layer.forward(xs).outputs().stream().map(output::forward).toList();
        assertArrayEquals(new double[] {4, 4}, ys.get(0).value().data);
        assertArrayEquals(new double[] {12, 12}, ys.get(1).value().data);
        assertArrayEquals(new double[] {32, 32}, ys.get(2).value().data);
    }

    @Test
    void gruStepByHandInBothVariants() {
        // I = H = 1; W_ih, W_hh stacked (r, z, n).
        double x = 0.7;
        double h = -0.4;
        double[] wi = {0.3, -0.5, 0.8};
        double[] wh = {0.6, 0.2, -0.9};
        double[] bi = {0.1, 0.2, -0.3};
        double[] bh = {-0.2, 0.05, 0.4};
        double r = sigmoid(wi[0] * x + bi[0] + wh[0] * h + bh[0]);
        double z = sigmoid(wi[1] * x + bi[1] + wh[1] * h + bh[1]);
        double nTorch = Math.tanh(wi[2] * x + bi[2] + r * (wh[2] * h + bh[2]));
        double nCho = Math.tanh(wi[2] * x + bi[2] + wh[2] * (r * h) + bh[2]);
        for (GRUCell.Variant variant : GRUCell.Variant.values()) {
            GRUCell cell = new GRUCell(variant, column("weight_ih", wi), column("weight_hh", wh), p("bias_ih", bi),
                    p("bias_hh", bh));
            GRUCell.Gates g = cell.gates(Node.constant(Tensors.row(x)), State.of(Node.constant(Tensors.row(h))));
            double n = variant == GRUCell.Variant.PYTORCH ? nTorch : nCho;
            assertEquals(r, g.r().scalar(), 1e-15);
            assertEquals(z, g.z().scalar(), 1e-15);
            assertEquals(n, g.n().scalar(), 1e-15, variant.name());
            assertEquals((1 - z) * n + z * h, g.h().scalar(), 1e-15, variant.name());
        }
        assertNotEquals(nTorch, nCho, 1e-3);
    }

    @Test
    void peepholeStepByHand() {
        double x = 0.5;
        double h = 0.3;
        double c = -0.6;
        double[] wi = {0.2, -0.4, 0.7, 0.1};
        double[] wh = {-0.3, 0.5, 0.2, 0.6};
        double[] b = {0.1, 0.3, -0.2, 0.05};
        double wci = 0.9;
        double wcf = -0.7;
        double wco = 0.4;
        double[] a = new double[4];
        for (int k = 0; k < 4; k++) a[k] = wi[k] * x + wh[k] * h + 2 * b[k];
        double i = sigmoid(a[0] + wci * c);
        double f = sigmoid(a[1] + wcf * c);
        double g = Math.tanh(a[2]);
        double cNew = f * c + i * g;
        double o = sigmoid(a[3] + wco * cNew);
        PeepholeLSTMCell cell = new PeepholeLSTMCell(column("weight_ih", wi), column("weight_hh", wh), p("bias_ih", b),
                p("bias_hh", b), p("weight_ci", wci), p("weight_cf", wcf), p("weight_co", wco));
        LSTMCell.Gates gates = cell.gates(Node.constant(Tensors.row(x)),
                new State(Node.constant(Tensors.row(h)), Node.constant(Tensors.row(c))));
        assertEquals(i, gates.i().scalar(), 1e-15);
        assertEquals(f, gates.f().scalar(), 1e-15);
        assertEquals(cNew, gates.c().scalar(), 1e-15);
        assertEquals(o, gates.o().scalar(), 1e-15);
        assertEquals(o * Math.tanh(cNew), gates.h().scalar(), 1e-15);
    }

    @Test
    void peepholeWithZeroPeepholesIsTheLstm() {
        Random random = new Random(3);
        PeepholeLSTMCell peephole = PeepholeLSTMCell.random(3, 4, random);
        Parameters p = peephole.parameters();
        for (String w : List.of("weight_ci", "weight_cf", "weight_co")) p.get(w).value().zero();
        LSTMCell lstm = new LSTMCell(p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"));
        List<Node> xs = Checking.inputs(3, 2, 3, random);
        State a = new RecurrentLayer(peephole).forward(xs).finalState();
        State b = new RecurrentLayer(lstm).forward(xs).finalState();
        assertArrayEquals(b.h().value().data, a.h().value().data, 0);
        assertArrayEquals(b.c().value().data, a.c().value().data, 0);
        assertEquals(lstm.parameters().count() + 3 * 4, peephole.parameters().count());
    }

    @Test
    void jordanFeedsBackTheOutputNotTheHiddenState() {
        // I = H = O = 1: h_t = tanh(0.5 x + 0.1 + 2 y_{t−1} − 0.2), y_t = tanh(1.5 h_t + 0.3).
        JordanCell cell = new JordanCell(Nonlinearity.TANH, Nonlinearity.TANH, p("weight_ih", 0.5), p("bias_ih", 0.1),
                p("weight_yh", 2.0), p("bias_yh", -0.2), p("weight_ho", 1.5), p("bias_ho", 0.3));
        double y = 0;
        State state = cell.initialState(1);
        for (double x : new double[] {1.0, -0.5, 0.25}) {
            double h = Math.tanh(0.5 * x + 0.1 + 2 * y - 0.2);
            y = Math.tanh(1.5 * h + 0.3);
            JordanCell.Values v = cell.values(Node.constant(Tensors.row(x)), state);
            assertEquals(h, v.h().scalar(), 1e-15);
            assertEquals(y, v.y().scalar(), 1e-15);
            state = cell.step(Node.constant(Tensors.row(x)), state);
            assertEquals(y, state.h().scalar(), 1e-15);
        }
        assertEquals(List.of("weight_ih", "bias_ih", "weight_yh", "bias_yh", "weight_ho", "bias_ho"),
                cell.parameters().names());
    }

    @Test
    void forgetBiasSetsTheForgetBlockToOneAndLeavesTheRest() {
        Random random = new Random(9);
        for (Cell cell : List.<Cell>of(LSTMCell.random(3, 4, random), PeepholeLSTMCell.random(3, 4, random))) {
            Parameters p = cell.parameters();
            double[] ih = p.get("bias_ih").value().data.clone();
            double[] hh = p.get("bias_hh").value().data.clone();
            ((LSTMCell) cell).withForgetBias(1);
            for (int j = 0; j < 16; j++) {
                double ihNow = p.get("bias_ih").value().data[j];
                double hhNow = p.get("bias_hh").value().data[j];
                if (j >= 4 && j < 8) {
                    assertEquals(1.0, ihNow + hhNow, 0, "forget block entry " + j);
                } else {
                    assertEquals(ih[j], ihNow, 0, "entry " + j);
                    assertEquals(hh[j], hhNow, 0, "entry " + j);
                }
            }
        }
    }

    @Test
    void forgetBiasOnAWholeStack() {
        Recurrent lstm = Recurrent.lstm(3, 2).layers(2).bidirectional(true).seed(1).build().withForgetBias(1);
        for (String suffix : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
            double[] ih = lstm.parameters().get("bias_ih" + suffix).value().data;
            double[] hh = lstm.parameters().get("bias_hh" + suffix).value().data;
            assertEquals(1.0, ih[2] + hh[2], 0);
            assertEquals(1.0, ih[3] + hh[3], 0);
        }
    }
}
