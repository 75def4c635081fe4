package io.sam4j.zoo.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Image-folder datasets, named {@code folder:PATH} (see {@link ImageFolderLoader} for the layout). Their
 * spec has the model input shape 3×S×S, no fixed file list, and ImageNet's per-channel statistics, the
 * usual choice for ImageNet-style training and fine-tuning sets (Flowers, Cars, Pets, ...).
 */
public final class ImageFolders {

    /** The prefix of an image-folder dataset name. */
    public static final String PREFIX = "folder:";
    /** The model input side when none is given. */
    public static final int DEFAULT_IMAGE_SIZE = 224;
    /** ImageNet's per-channel mean of pixels scaled to [0, 1]. */
    static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet's per-channel standard deviation. */
    static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private ImageFolders() {}

    /** @return whether {@code name} names an image folder ({@code folder:PATH}) */
    public static boolean isFolder(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** @return whether {@code spec} was made by {@link #spec} */
    public static boolean isFolder(DatasetSpec spec) {
        return spec.loader() instanceof ImageFolderLoader;
    }

    /** @return the folder of a {@link #spec} */
    public static Path root(DatasetSpec spec) {
        return loaderOf(spec).root();
    }

    /**
     * @param name {@code folder:PATH}
     * @param imageSize S, the side of the model input
     * @param progress where loading progress goes, or {@code null}
     * @return the spec: shape 3×S×S, the class folders of {@code PATH/train} as classes
     * @throws DatasetException if the folder or its {@code train/} classes are missing
     */
    public static DatasetSpec spec(String name, int imageSize, PrintStream progress) {
        if (!isFolder(name) || name.length() == PREFIX.length()) {
            throw new DatasetException("dataset '" + name + "' must be folder:PATH");
        }
        if (imageSize < 1) {
            throw new DatasetException("dataset '" + name + "': image size must be at least 1, got " + imageSize);
        }
        Path root = Path.of(name.substring(PREFIX.length()));
        ImageFolderLoader loader = new ImageFolderLoader(root, imageSize, progress);
        List<String> classes = loader.classNames();
        return new DatasetSpec(name, List.of(), 3, imageSize, imageSize, classes, IMAGENET_MEAN, IMAGENET_STD, loader);
    }

    /** @return a SHA-256 over every image's path below the root, length and content (see {@link DatasetHash}) */
    public static String sha256(DatasetSpec spec) {
        ImageFolderLoader loader = loaderOf(spec);
        return DatasetHash.ofRelative(loader.root(), loader.imageFiles());
    }

    private static ImageFolderLoader loaderOf(DatasetSpec spec) {
        if (spec.loader() instanceof ImageFolderLoader loader) {
            return loader;
        }
        throw new IllegalArgumentException("dataset '" + spec.name() + "' is not an image folder");
    }
}
