package io.sam4j.zoo.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a JPEG or PNG file with {@code javax.imageio} into 3-channel C×H×W floats in [0, 1]. Grayscale
 * images have their one channel copied to R, G and B (read from the raster, so without a colour-space
 * conversion); alpha is dropped. A file that no reader accepts, that fails to decode, or whose decoder
 * warns (ImageIO's JPEG reader only warns about a truncated file, and fills the rest with grey), or a PNG
 * without its closing {@code IEND} chunk (ImageIO decodes a PNG cut inside its last chunk silently) is
 * reported as a {@link DatasetException} naming the file.
 */
final class ImageDecoder {

    private ImageDecoder() {}

    /** A decoded image: {@code 3·height·width} values. */
    record Decoded(float[] chw, int height, int width) {}

    static Decoded decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + oneLine(e) + ")", e);
        }
        if (isPng(bytes) && !endsWithIend(bytes)) {
            throw new DatasetException(file + ": corrupt or truncated image (PNG without its IEND chunk)");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (in == null) {
                throw new DatasetException(file + ": cannot open image file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException(file + ": not a readable image (no JPEG or PNG decoder accepts it)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new DatasetException(file + ": corrupt or truncated image (" + String.join("; ", warnings) + ")");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException de) {
                throw de;
            }
            throw new DatasetException(file + ": corrupt or unreadable image (" + oneLine(e) + ")", e);
        }
        return toChw(image);
    }

    private static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    /** Looks for the IEND chunk type near the end, allowing a few trailing bytes some writers add. */
    private static boolean endsWithIend(byte[] b) {
        for (int i = b.length - 8; i >= Math.max(8, b.length - 64); i--) {
            if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
                return true;
            }
        }
        return false;
    }

    private static Decoded toChw(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        float[] chw = new float[3 * plane];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getNumColorComponents() == 1
                && raster.getNumBands() <= 2
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (gray) {
            int bits = image.getColorModel().getComponentSize(0);
            float max = (1 << bits) - 1;
            int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int k = 0; k < plane; k++) {
                float v = samples[k] / max;
                chw[k] = v;
                chw[plane + k] = v;
                chw[2 * plane + k] = v;
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int k = 0; k < plane; k++) {
                int p = argb[k];
                chw[k] = ((p >> 16) & 0xFF) / 255f;
                chw[plane + k] = ((p >> 8) & 0xFF) / 255f;
                chw[2 * plane + k] = (p & 0xFF) / 255f;
            }
        }
        return new Decoded(chw, h, w);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
