package io.sam4j.zoo.data;

import java.util.Objects;

/**
 * The content of an IDX images file (magic {@code 0x00000803}): {@code count} single-channel
 * {@code rows}×{@code cols} images, uint8, row-major.
 *
 * @param count number of images
 * @param rows image height
 * @param cols image width
 * @param pixels {@code count·rows·cols} bytes
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Checks that the pixel array holds exactly {@code count·rows·cols} bytes. */
    public IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows < 1 || cols < 1) {
            throw new DatasetException("IDX images: bad shape " + count + "x" + rows + "x" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new DatasetException("IDX images: shape " + count + "x" + rows + "x" + cols + " needs "
                    + (long) count * rows * cols + " bytes, found " + pixels.length);
        }
    }
}
