package unrolled.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.*;

import org.junit.jupiter.api.Test;

/** The documented behaviour of backward(): accumulation, non-scalar outputs, second passes, detach and noGrad. */
class BackwardTest {

    @Test
    void gradientsAddUpOverEveryPath() {
        // z = x·y + x·x: x reaches z along three edges, so ∂z/∂x = y + x + x.
        Node x = Node.param("x", 3.0);
        Node y = Node.param("y", -2.0);
        Node z = add(mul(x, y), mul(x, x));
        z.backward();
        assertEquals(-2 + 2 * 3, x.grad().get(0), 0);
        assertEquals(3, y.grad().get(0), 0);
    }

    @Test
    void backwardOnANonScalarSaysWhatToDo() {
        Node x = Node.param("x", Tensors.ones(2, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.tanh().backward());
        assertTrue(e.getMessage().contains("2×3") && e.getMessage().contains("sum()"), e.getMessage());
    }

    @Test
    void backwardWithAnExplicitOutputGradientIsAVectorJacobianProduct() {
        Node x = Node.param("x", Tensors.row(1, 2, 3));
        x.scale(2).backward(Tensors.row(1, 10, 100));
        assertEquals(Tensors.format(Tensors.row(2, 20, 200)), Tensors.format(x.grad()));
        ShapeException e = assertThrows(ShapeException.class, () -> x.scale(2).backward(Tensors.row(1)));
        assertTrue(e.getMessage().contains("1×3") && e.getMessage().contains("1×1"), e.getMessage());
    }

    @Test
    void aSecondBackwardAddsTheSameGradientToLeavesAgain() {
        Node x = Node.param("x", 2.0);
        Node h = x.pow(3).named("h");
        Node loss = h.scale(5);
        loss.backward();
        assertEquals(60, x.grad().get(0), 1e-12);
        assertEquals(5, h.grad().get(0), 0);
        loss.backward();
        assertEquals(120, x.grad().get(0), 1e-12, "leaves accumulate");
        assertEquals(5, h.grad().get(0), 0, "intermediate gradients are recomputed, not accumulated");
        x.zeroGrad();
        loss.backward();
        assertEquals(60, x.grad().get(0), 1e-12);
    }

    @Test
    void detachStopsTheGradient() {
        Node x = Node.param("x", 2.0);
        Node y = add(mul(x, x), mul(x.detach(), x));
        y.backward();
        assertEquals(2 * 2 + 2, x.grad().get(0), 0);
        assertFalse(x.detach().requiresGrad());
    }

    @Test
    void noGradBuildsNoHistory() {
        Node x = Node.param("x", 2.0);
        Node y;
        try (Node.NoGrad ignored = Node.noGrad()) {
            y = x.tanh().scale(3);
            assertTrue(Node.isNoGrad());
        }
        assertFalse(Node.isNoGrad());
        assertTrue(y.isLeaf());
        assertFalse(y.requiresGrad());
        assertEquals(3 * Math.tanh(2), y.scalar(), 1e-15);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("noGrad"), e.getMessage());
    }

    /** The switch is per thread: a noGrad() open in one thread (evaluation, sampling) leaves another one training. */
    @Test
    void noGradInOneThreadDoesNotStopBackwardInAnother() throws Exception {
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread evaluator = new Thread(() -> {
            try (Node.NoGrad ignored = Node.noGrad()) {
                opened.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        evaluator.start();
        opened.await();
        try {
            assertFalse(Node.isNoGrad(), "another thread's noGrad() is not this thread's");
            Node x = Node.param("x", 2.0);
            Node y = x.tanh().scale(3);
            assertFalse(y.isLeaf());
            y.backward();
            assertEquals(3 * (1 - Math.tanh(2) * Math.tanh(2)), x.grad().get(0), 1e-15);
        } finally {
            done.countDown();
            evaluator.join();
        }
    }

    @Test
    void constantsReceiveNoGradient() {
        Node w = Node.param("w", 3.0);
        Node input = Node.constant("x", 4.0);
        mul(w, input).backward();
        assertEquals(4, w.grad().get(0), 0);
        assertEquals(0, input.grad().get(0), 0);
        assertFalse(input.requiresGrad());
    }

    @Test
    void aGraphTwentyThousandOpsDeepDoesNotOverflowTheStack() {
        Node x = Node.param("x", 0.5);
        Node h = x;
        for (int t = 0; t < 20_000; t++) {
            h = h.scale(1.0);
        }
        h.backward();
        assertEquals(1.0, x.grad().get(0), 0);
    }

    @Test
    void parametersAreFoundInTheGraph() {
        Node w = Node.param("w", 1.0);
        Node b = Node.param("b", 1.0);
        Node loss = add(mul(w, Node.constant("x", 2.0)), b);
        assertEquals(java.util.List.of(w, b), Graph.parameters(loss));
        assertEquals(4, Graph.edgeCount(loss));
    }

    @Test
    void toStringShowsNameShapeAndValue() {
        assertEquals("W (param) 1×2 [[0.5, -1]]", Node.param("W", Tensors.row(0.5, -1)).toString());
        assertEquals("tanh 1×1 [[0]]", Node.constant(Tensors.row(0)).tanh().toString());
    }
}
