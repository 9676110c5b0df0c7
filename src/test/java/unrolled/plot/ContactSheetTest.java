package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contact sheet: one cell per picture, rows of perRow, and a clear error when captions are missing. */
class ContactSheetTest {

    @Test
    void layoutFollowsScaleAndRows() {
        List<BufferedImage> pictures = Collections.nCopies(12, new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB));
        BufferedImage sheet = ContactSheet.of(pictures, Collections.nCopies(12, "a red circle"), 4, 10);
        assertEquals(10 * (24 * 4 + 24 + 6), sheet.getWidth());
        assertEquals(2 * (24 * 4 + 46), sheet.getHeight());
    }

    @Test
    void captionsMustMatchPictures() {
        List<BufferedImage> pictures = List.of(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.of(pictures, List.of(), 1, 1));
    }
}
