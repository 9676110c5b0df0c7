package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnimationTest {

    @Test
    void outsideANotebookGifIsItsTextLineAndPlayDoesNothing() throws InterruptedException {
        List<BufferedImage> frames = List.of(new BufferedImage(120, 80, BufferedImage.TYPE_3BYTE_BGR),
                new BufferedImage(120, 80, BufferedImage.TYPE_3BYTE_BGR));
        Animation.play(frames, 1);
        Object gif = Animation.gif(frames, 100);
        assertEquals("animated GIF: 2 frames of 120×80, " + Gif.encode(frames, 100).length / 1024 + " KB", gif);
        assertThrows(IllegalArgumentException.class, () -> Gif.encode(List.of(), 100));
    }
}
