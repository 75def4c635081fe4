package io.sam4j.zoo.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the official binary version of CIFAR-10 and CIFAR-100 (Krizhevsky 2009), either straight from
 * the {@code .tar.gz} as downloaded or from its extracted folder (preferred when complete: no
 * decompression).
 *
 * <p>Each file is a sequence of fixed-size records: the label byte(s) — one for CIFAR-10; coarse then
 * fine for CIFAR-100 — followed by 3,072 pixel bytes, the 1,024 red values of the 32×32 image in
 * row-major order, then the green, then the blue. That is already the channel-first C×H×W layout of
 * {@link ImageDataset}, so records are copied as they are.
 */
final class CifarBinaryLoader implements DatasetLoader {

    /** Pixel bytes per record: 3 channels of 32×32. */
    static final int IMAGE_BYTES = 3 * 32 * 32;

    private final String archive;
    private final String folder;
    private final List<String> trainFiles;
    private final String testFile;
    private final int labelBytes;
    private final List<String> coarseClassNames;

    /**
     * @param archive the archive's file name in the dataset folder, e.g. {@code cifar-10-binary.tar.gz}
     * @param folder the folder the archive extracts to, e.g. {@code cifar-10-batches-bin}
     * @param trainFiles the training files inside {@code folder}, in order
     * @param testFile the test file inside {@code folder}
     * @param coarseClassNames CIFAR-100's 20 superclass names, or {@code null} for CIFAR-10 (one label byte)
     */
    CifarBinaryLoader(
            String archive, String folder, List<String> trainFiles, String testFile, List<String> coarseClassNames) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.trainFiles = List.copyOf(trainFiles);
        this.testFile = Objects.requireNonNull(testFile, "testFile");
        this.coarseClassNames = coarseClassNames == null ? null : List.copyOf(coarseClassNames);
        this.labelBytes = coarseClassNames == null ? 1 : 2;
    }

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir) {
        return load(spec, datasetDir, DatasetOptions.DEFAULT);
    }

    @Override
    public TrainTestData load(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (options.extraTraining()) {
            throw new DatasetException("dataset '" + spec.name() + "' has no extra training images (--svhn-extra)");
        }
        if (options.coarseLabels() && coarseClassNames == null) {
            throw new DatasetException("dataset '" + spec.name() + "' has no coarse labels (--cifar100-labels coarse)");
        }
        Map<String, Source> sources = extractedComplete(datasetDir) ? readFolder(datasetDir) : readArchive(datasetDir);
        List<String> classNames = options.coarseLabels() ? coarseClassNames : spec.classNames();
        // CIFAR-100 records hold the coarse label first, then the fine one.
        int labelAt = options.coarseLabels() ? 0 : labelBytes - 1;
        List<Source> train = trainFiles.stream().map(f -> sources.get(entry(f))).toList();
        ImageDataset trainSet = decode(spec.name() + "/train", train, labelAt, classNames);
        ImageDataset testSet =
                decode(spec.name() + "/test", List.of(sources.get(entry(testFile))), labelAt, classNames);
        return new TrainTestData(trainSet, testSet);
    }

    @Override
    public List<DatasetFile> files(DatasetSpec spec, DatasetOptions options) {
        return spec.files();
    }

    @Override
    public List<String> missing(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (Files.isRegularFile(datasetDir.resolve(archive)) || extractedComplete(datasetDir)) {
            return List.of();
        }
        return List.of(archive + " (or its extracted " + folder + "/)");
    }

    @Override
    public List<Path> inputs(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        if (extractedComplete(datasetDir)) {
            return allFiles().stream()
                    .map(f -> datasetDir.resolve(folder).resolve(f))
                    .toList();
        }
        return List.of(datasetDir.resolve(archive));
    }

    private List<String> allFiles() {
        List<String> all = new ArrayList<>(trainFiles);
        all.add(testFile);
        return all;
    }

    private String entry(String file) {
        return folder + "/" + file;
    }

    private boolean extractedComplete(Path datasetDir) {
        return allFiles().stream()
                .allMatch(f -> Files.isRegularFile(datasetDir.resolve(folder).resolve(f)));
    }

    /** The bytes of one batch file and where they came from (for messages). */
    private record Source(String where, byte[] bytes) {}

    private Map<String, Source> readFolder(Path datasetDir) {
        Map<String, Source> sources = new HashMap<>();
        for (String f : allFiles()) {
            Path file = datasetDir.resolve(folder).resolve(f);
            try {
                sources.put(entry(f), new Source(file.toString(), Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                throw new DatasetException(file + ": file not found", e);
            } catch (IOException e) {
                throw new DatasetException(file + ": cannot read (" + e + ")", e);
            }
        }
        return sources;
    }

    private Map<String, Source> readArchive(Path datasetDir) {
        Path file = datasetDir.resolve(archive);
        Set<String> wanted = new LinkedHashSet<>();
        allFiles().forEach(f -> wanted.add(entry(f)));
        Map<String, Source> sources = new HashMap<>();
        ArchiveExtractor.forEachEntry(file, (entry, in) -> {
            String name = ArchiveExtractor.normalize(entry.getName());
            if (!entry.isFile() || !wanted.contains(name)) {
                return;
            }
            if (entry.getSize() > Integer.MAX_VALUE - 8) {
                throw new DatasetException(file + "!" + name + ": entry of " + entry.getSize() + " bytes is too large");
            }
            byte[] bytes = in.readNBytes((int) entry.getSize());
            if (bytes.length != entry.getSize()) {
                throw new DatasetException(
                        file + "!" + name + ": truncated, " + bytes.length + " of " + entry.getSize() + " bytes");
            }
            sources.put(name, new Source(file + "!" + name, bytes));
        });
        for (String name : wanted) {
            if (!sources.containsKey(name)) {
                throw new DatasetException(file + ": archive lacks " + name);
            }
        }
        return sources;
    }

    private ImageDataset decode(String name, List<Source> files, int labelAt, List<String> classNames) {
        int recordBytes = labelBytes + IMAGE_BYTES;
        int count = 0;
        for (Source source : files) {
            int length = source.bytes().length;
            if (length == 0 || length % recordBytes != 0) {
                throw new DatasetException(source.where() + ": " + length + " bytes is not a whole number of "
                        + recordBytes + "-byte records (truncated, or not a CIFAR binary file)");
            }
            count += length / recordBytes;
        }
        byte[] images = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        int at = 0;
        for (Source source : files) {
            byte[] bytes = source.bytes();
            for (int offset = 0; offset < bytes.length; offset += recordBytes, at++) {
                int label = bytes[offset + labelAt] & 0xFF;
                if (label >= classNames.size()) {
                    throw new DatasetException(source.where() + ": label " + label + " of record "
                            + offset / recordBytes + " is outside [0, " + classNames.size() + ")");
                }
                labels[at] = label;
                System.arraycopy(bytes, offset + labelBytes, images, at * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ImageDataset(name, images, labels, 3, 32, 32, classNames.size(), classNames);
    }
}
