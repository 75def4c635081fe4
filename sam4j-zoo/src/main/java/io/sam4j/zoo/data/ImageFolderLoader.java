package io.sam4j.zoo.data;

import io.sam4j.zoo.augment.Resize;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Reads an image-folder dataset: {@code ROOT/train/CLASS/*.{jpg,jpeg,png}} and {@code ROOT/test/CLASS/...}
 * (or {@code ROOT/val/...} when there is no {@code test/}). Classes are the sorted sub-folder names of
 * {@code train/}; {@code test/} must have the same ones. Files are taken in sorted order; other files are
 * ignored.
 *
 * <p>Each image is decoded ({@link ImageDecoder}), its central square (side = the shorter side) is
 * resized to {@link #storedSize()}×{@link #storedSize()} with {@link Resize} and stored as bytes
 * ({@code round(255·x)}). The stored side is {@code round(S / 0.875)} for a model input side S (256 for
 * 224, torchvision's "resize 256, crop 224"), so the training crop and the test centre crop to S×S happen
 * in the data loader. Decoding runs on {@value #THREADS} threads; for {@value #PROGRESS_FROM} images or
 * more, progress goes to the progress stream every tenth.
 */
public final class ImageFolderLoader implements DatasetLoader {

    /** Decoding threads. */
    static final int THREADS = 2;
    /** Folders with at least this many images report progress. */
    static final int PROGRESS_FROM = 2000;
    /** The fraction of the stored square that the centre crop keeps, as in the usual ImageNet evaluation. */
    public static final double CROP_FRACTION = 0.875;

    private final Path root;
    private final int imageSize;
    private final PrintStream progress;

    /**
     * @param root the folder holding {@code train/} and {@code test/} (or {@code val/})
     * @param imageSize S, the side of the model input, at least 1
     * @param progress where progress lines go, or {@code null} for none
     */
    public ImageFolderLoader(Path root, int imageSize, PrintStream progress) {
        this.root = Objects.requireNonNull(root, "root");
        if (imageSize < 1) {
            throw new IllegalArgumentException("image size must be at least 1, got " + imageSize);
        }
        this.imageSize = imageSize;
        this.progress = progress;
    }

    /** @return the dataset folder */
    public Path root() {
        return root;
    }

    /** @return S, the side of the model input */
    public int imageSize() {
        return imageSize;
    }

    /** @return L = round(S / 0.875), the side of the stored squares */
    public int storedSize() {
        return (int) Math.round(imageSize / CROP_FRACTION);
    }

    /** @return {@code ROOT/train} */
    public Path trainDir() {
        return root.resolve("train");
    }

    /** @return {@code ROOT/test} if it exists, else {@code ROOT/val} */
    public Path testDir() {
        Path test = root.resolve("test");
        return Files.isDirectory(test) || !Files.isDirectory(root.resolve("val")) ? test : root.resolve("val");
    }

    /**
     * @return the sorted class folder names of {@code train/}
     * @throws DatasetException if {@code train/} is missing or has no class folder
     */
    public List<String> classNames() {
        return classesOf(trainDir());
    }

    private static List<String> classesOf(Path split) {
        if (!Files.isDirectory(split)) {
            throw new DatasetException(
                    split + ": missing; an image folder needs train/CLASS/*.jpg|png and " + "test/CLASS/... (or val/)");
        }
        List<String> classes;
        try (Stream<Path> children = Files.list(split)) {
            classes = children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(split + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (classes.isEmpty()) {
            throw new DatasetException(
                    split + ": no class folders (expected " + split.getFileName() + "/CLASS/*.jpg|png)");
        }
        return classes;
    }

    /** @return every image file of the dataset, train then test, classes and files in sorted order */
    public List<Path> imageFiles() {
        List<Path> files = new ArrayList<>();
        List<String> classes = classNames();
        for (Path split : List.of(trainDir(), testDir())) {
            for (String cls : classes) {
                files.addAll(imagesOf(split.resolve(cls)));
            }
        }
        return files;
    }

    private static List<Path> imagesOf(Path classDir) {
        List<Path> images;
        try (Stream<Path> children = Files.list(classDir)) {
            images = children.filter(Files::isRegularFile)
                    .filter(ImageFolderLoader::isImage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(classDir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (images.isEmpty()) {
            throw new DatasetException(classDir + ": no .jpg, .jpeg or .png images");
        }
        return images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir) {
        List<String> classes = classNames();
        Path testDir = testDir();
        List<String> testClasses = classesOf(testDir);
        if (!testClasses.equals(classes)) {
            List<String> missing =
                    classes.stream().filter(c -> !testClasses.contains(c)).toList();
            List<String> extra =
                    testClasses.stream().filter(c -> !classes.contains(c)).toList();
            throw new DatasetException(testDir + ": classes differ from train/"
                    + (missing.isEmpty() ? "" : ", missing " + missing) + (extra.isEmpty() ? "" : ", extra " + extra));
        }
        ImageDataset train = loadSplit(spec.name() + "/train", trainDir(), classes);
        ImageDataset test = loadSplit(spec.name() + "/" + testDir.getFileName(), testDir, classes);
        return new TrainTestData(train, test);
    }

    private ImageDataset loadSplit(String name, Path split, List<String> classes) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            for (Path file : imagesOf(split.resolve(classes.get(label)))) {
                files.add(file);
                labels.add(label);
            }
        }
        int side = storedSize();
        long bytes = (long) files.size() * 3 * side * side;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DatasetException(split + ": " + files.size() + " images at " + side + "x" + side + " need "
                    + bytes / (1 << 20) + " MiB, more than one in-memory array holds; use a smaller --image-size");
        }
        byte[] images = new byte[(int) bytes];
        decodeAll(split, files, images, side);
        return new ImageDataset(
                name,
                images,
                labels.stream().mapToInt(Integer::intValue).toArray(),
                3,
                side,
                side,
                classes.size(),
                classes);
    }

    private void decodeAll(Path split, List<Path> files, byte[] images, int side) {
        int n = files.size();
        int imageBytes = 3 * side * side;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        boolean report = progress != null && n >= PROGRESS_FROM;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sam4j-image-folder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        float[] square = squareResized(ImageDecoder.decode(files.get(i)), side);
                        for (int k = 0; k < imageBytes; k++) {
                            images[i * imageBytes + k] =
                                    (byte) Math.max(0, Math.min(255, Math.round(square[k] * 255f)));
                        }
                        int count = done.incrementAndGet();
                        if (report && (count % Math.max(1, n / 10) == 0 || count == n)) {
                            progress.printf(Locale.ROOT, "loading %s: %d/%d images%n", split, count, n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                await(task);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("decoding images failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while decoding images"));
        }
    }

    /** The central square of the image (side = its shorter side), resized to {@code side}×{@code side}. */
    static float[] squareResized(ImageDecoder.Decoded image, int side) {
        int h = image.height();
        int w = image.width();
        int s = Math.min(h, w);
        int top = (h - s) / 2;
        int left = (w - s) / 2;
        return Resize.resize(image.chw(), 3, h, w, top, left, s, s, side, side);
    }

    @Override
    public String toString() {
        return "ImageFolderLoader(" + root + ", " + imageSize + ")";
    }
}
