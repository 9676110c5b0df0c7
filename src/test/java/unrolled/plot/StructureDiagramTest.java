package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StructureDiagramTest {

    @Test
    void onePanelPerStructureWithItsBoxes() {
        BufferedImage one = StructureDiagram.image("t", List.of(
                new StructureDiagram.Structure("many to one", "sentiment", 3, StructureDiagram.range(0, 3), Set.of(2))));
        BufferedImage two = StructureDiagram.image("t", List.of(
                new StructureDiagram.Structure("many to one", "sentiment", 3, StructureDiagram.range(0, 3), Set.of(2)),
                new StructureDiagram.Structure("one to many", "captions", 3, Set.of(0), StructureDiagram.range(0, 3))));
        assertEquals(one.getHeight(), two.getHeight());
        assertTrue(two.getWidth() > one.getWidth());
        assertEquals(Set.of(1, 2, 3), StructureDiagram.range(1, 4));
        int top = 62 + 13, x = 10;                                     // an output box is drawn (blue) in the top row
        boolean blue = false;
        for (; x < one.getWidth(); x++) {
            blue |= (one.getRGB(x, top) & 0xFFFFFF) == 0x9EC5F0;
        }
        assertTrue(blue);
        assertNotEquals(one.getRGB(0, 0), 0);
    }
}
