package unrolled.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import unrolled.graph.*;

/** Article 3's rule, literally: the derivative is the sum over all paths of the products of local derivatives. */
class AllPathsTest {

    /** x → three nodes → three nodes → z, fully connected: 3 × 3 = 9 paths. */
    private static Node[] ninePathGraph() {
        Node x = Node.param("x", 0.7);
        Node[] first = {x.scale(2).named("a"), x.pow(2).named("b"), x.tanh().named("c")};
        Node[] second = new Node[3];
        for (int j = 0; j < 3; j++) {
            second[j] = add(add(first[0].scale(j + 1), first[1]), first[2].scale(-j)).sigmoid().named("d" + j);
        }
        Node z = add(add(second[0], second[1]), second[2]).named("z");
        return new Node[] {x, z};
    }

    @Test
    void theNinePathExampleAgreesWithBothModes() {
        Node[] g = ninePathGraph();
        Node x = g[0];
        Node z = g[1];
        List<AllPaths.Path> paths = AllPaths.between(x, z);
        assertEquals(9, paths.size());
        long throughLayers = paths.stream().map(p -> p.nodes().stream().filter(n -> n.label() != null)
                .map(Node::label).toList()).distinct().count();
        assertEquals(9, throughLayers, "3 × 3 routes through the labelled layers");
        double sum = paths.stream().mapToDouble(AllPaths.Path::value).sum();
        z.backward();
        assertEquals(x.grad().get(0), sum, 1e-14);
        assertEquals(x.grad().get(0), ForwardMode.derivative(z, x).get(0), 1e-14);
        assertEquals(sum, AllPaths.derivative(z, x).get(0), 1e-15);
    }

    @Test
    void aPathPrintsItsRouteAndProduct() {
        Node x = Node.param("x", 2.0);
        Node a = x.scale(3).named("a");
        Node z = a.pow(2).named("z");
        List<AllPaths.Path> paths = AllPaths.between(x, z);
        assertEquals(1, paths.size());
        assertEquals(2, paths.get(0).length());
        assertEquals("x → a → z : 36", paths.get(0).toString());
    }

    @Test
    void anInputUsedTwiceByOneOpGivesTwoPaths() {
        Node x = Node.param("x", 3.0);
        Node z = mul(x, x);
        assertEquals(2, AllPaths.between(x, z).size());
        assertEquals("x → mul[arg 0] : 3", AllPaths.between(x, z).get(0).toString());
        assertEquals("x → mul[arg 1] : 3", AllPaths.between(x, z).get(1).toString());
        assertEquals(6, AllPaths.derivative(z, x).get(0), 0);
    }

    @Test
    void unrelatedNodesHaveNoPath() {
        Node x = Node.param("x", 3.0);
        Node y = Node.param("y", 3.0);
        assertTrue(AllPaths.between(x, y.tanh()).isEmpty());
        assertEquals(0, AllPaths.derivative(y.tanh(), x).get(0), 0);
    }
}
