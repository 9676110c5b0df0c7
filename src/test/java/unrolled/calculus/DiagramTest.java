package unrolled.calculus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.*;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import unrolled.graph.*;

class DiagramTest {

    private static Node smallGraph() {
        Node w = Node.param("W", Tensors.row(0.5, -1));
        Node x = Node.constant("x", Tensors.row(2, 3));
        Node loss = mul(w, x).tanh().sum().named("L");
        loss.backward();
        return loss;
    }

    @Test
    void dotNamesEveryNodeWithItsShapeAndDrawsEveryEdge() {
        String dot = Diagram.of(smallGraph()).withValues().withGradients().dot();
        assertTrue(dot.startsWith("digraph G {"), dot);
        for (String part : new String[] {"W\\n1×2", "x\\n1×2", "mul\\n1×2", "tanh", "L = sum\\n1×1", "grad", "value"}) {
            assertTrue(dot.contains(part), () -> "missing " + part + " in\n" + dot);
        }
        assertTrue(dot.split("->", -1).length - 1 == 4, dot);
        assertTrue(!dot.contains("grad") || dot.contains("fff2b3"), "parameters are highlighted");
    }

    @Test
    void constantsShowNoGradient() {
        String dot = Diagram.of(smallGraph()).withGradients().dot();
        String xLine = dot.lines().filter(l -> l.contains("label=\"x\\n")).findFirst().orElseThrow();
        assertTrue(!xLine.contains("grad"), xLine);
    }

    @Test
    void rendersAnImageWithOrWithoutGraphviz() {
        BufferedImage image = Diagram.of(smallGraph()).withValues().image();
        assertTrue(image.getWidth() > 100 && image.getHeight() > 30,
                image.getWidth() + "×" + image.getHeight() + " graphviz=" + Diagram.isGraphvizAvailable());
    }
}
