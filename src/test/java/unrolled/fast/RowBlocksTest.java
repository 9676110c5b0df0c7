package unrolled.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.stackRows;
import static unrolled.graph.Ops.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Ops;
import unrolled.graph.ShapeException;
import unrolled.graph.Tensors;

/** A matrix as a list of row blocks: the same values and gradients as slicing it, and stacking gives it back. */
class RowBlocksTest {

    private static final Random RANDOM = new Random(7);

    @Test
    void blocksAreTheRowSlicesMadeOnceEach() {
        Node whole = Node.param("y", Tensors.gaussian(6, 3, 1, RANDOM));
        RowBlocks blocks = new RowBlocks(whole, 2, 3);
        assertEquals(3, blocks.size());
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(Ops.sliceRows(whole, 2 * t, 2 * t + 2).value().data, blocks.get(t).value().data);
            assertSame(blocks.get(t), blocks.get(t), "a block is one node however often it is asked for");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> blocks.get(3));
    }

    @Test
    void stackingAllTheBlocksGivesTheMatrixBackAndPartOfItAsOneSlice() {
        Node whole = Node.param("y", Tensors.gaussian(7, 3, 1, RANDOM));
        assertSame(whole, stackRows(new RowBlocks(whole, 7, 1)));
        Node firstSix = stackRows(new RowBlocks(whole, 2, 3));
        assertEquals("sliceRows", firstSix.function().name());
        assertArrayEquals(Ops.sliceRows(whole, 0, 6).value().data, firstSix.value().data);
    }

    @Test
    void gradientsMatchStackingTheSlicesOneByOne() {
        Node whole = Node.param("y", Tensors.gaussian(7, 3, 1, RANDOM));
        Node weights = Node.constant(Tensors.gaussian(6, 3, 1, RANDOM));
        sum(mul(stackRows(new RowBlocks(whole, 2, 3)), weights)).backward();
        double[] viaBlocks = whole.grad().data.clone();
        whole.zeroGrad();
        List<Node> slices = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            slices.add(Ops.sliceRows(whole, 2 * t, 2 * t + 2));
        }
        sum(mul(stackRows(slices), weights)).backward();
        assertArrayEquals(whole.grad().data, viaBlocks, 0.0);
    }

    @Test
    void blocksThatDoNotFitAreRefused() {
        Node whole = Node.param("y", Tensors.gaussian(5, 3, 1, RANDOM));
        ShapeException e = assertThrows(ShapeException.class, () -> new RowBlocks(whole, 2, 3));
        assertEquals("RowBlocks: 3 blocks of 2 rows do not fit a 5×3 matrix", e.getMessage());
    }
}
