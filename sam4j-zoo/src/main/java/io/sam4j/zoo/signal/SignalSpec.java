package io.sam4j.zoo.signal;

import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.data.DatasetLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A signal dataset: its folder and CSV files, signal length and classes, and where to get it.
 *
 * <p>A set either ships a train and a test file ({@code testFile} non-null), or several files that are
 * pooled and then split with a seeded {@link io.sam4j.zoo.data.HoldOutSplit} (PTB: one file per class).
 *
 * @param name catalog name and folder name under a data root
 * @param length samples per signal
 * @param classNames class names, index = label
 * @param trainFiles the training file, or the files to pool
 * @param testFile the test file, or null when the set is split by sam4j
 * @param source where to download the files (no checksummed mirror exists)
 */
public record SignalSpec(
        String name, int length, List<String> classNames, List<String> trainFiles, String testFile, String source) {

    /** Copies the lists. */
    public SignalSpec {
        classNames = List.copyOf(classNames);
        trainFiles = List.copyOf(trainFiles);
    }

    /** Returns whether the set ships its own test file. */
    public boolean hasOfficialSplit() {
        return testFile != null;
    }

    /** Returns every file, in a fixed order (also the hashing order). */
    public List<String> fileNames() {
        return testFile == null
                ? trainFiles
                : Stream.concat(trainFiles.stream(), Stream.of(testFile)).toList();
    }

    /** Tells a user where to get the files and where to put them. */
    public String howToGet() {
        return "sam4j cannot download it (no checksummed mirror): get " + String.join(", ", fileNames()) + " from "
                + source + " and put them in DIR/" + name + "/, then pass --data-dir DIR or set $"
                + DatasetLocator.ENV_VAR;
    }

    /** Finds the folder holding every file, if any root has one. */
    public Optional<Path> find(DatasetLocator locator, Path dataDir) {
        return locator.findFolder(name, fileNames(), dataDir);
    }

    /**
     * Finds the folder holding every file.
     *
     * @throws DatasetException naming the places looked at and how to get the set
     */
    public Path locate(DatasetLocator locator, Path dataDir) {
        return locator.locateFolder(name, name, fileNames(), dataDir, howToGet());
    }

    /** Reads the training file(s), pooled in order. */
    public SignalDataset readTrain(Path dir) {
        SignalDataset all = null;
        for (String file : trainFiles) {
            SignalDataset part = SignalCsvReader.read(dir.resolve(file), name, length, classNames);
            all = all == null ? part : all.concat(part);
        }
        return all;
    }

    /** Reads the test file; only for sets with an official split. */
    public SignalDataset readTest(Path dir) {
        if (testFile == null) {
            throw new IllegalStateException(name + " has no test file; split the training data");
        }
        return SignalCsvReader.read(dir.resolve(testFile), name, length, classNames);
    }
}
