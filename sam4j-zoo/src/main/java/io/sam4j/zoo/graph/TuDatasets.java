package io.sam4j.zoo.graph;

import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.data.DatasetLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and finds TU graph datasets: {@code --dataset tu:NAME} reads {@code <root>/NAME/NAME_*.txt}
 * under the usual data roots of {@link DatasetLocator}. The collection has no checksummed mirror, so
 * sam4j does not download it; {@link #howToGet(String)} says where to.
 */
public final class TuDatasets {

    /** The prefix of TU dataset names. */
    public static final String PREFIX = "tu:";
    /** Where the collection is published. */
    public static final String SOURCE = "https://chrsmrrs.github.io/datasets/";

    private TuDatasets() {}

    /** Returns whether {@code dataset} names a TU dataset ({@code tu:NAME}, prefix in any case). */
    public static boolean isTu(String dataset) {
        return dataset != null && dataset.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Returns NAME of {@code tu:NAME}, case kept (the files are named with it).
     *
     * @throws DatasetException if the name is empty or not a plain folder name
     */
    public static String name(String dataset) {
        String name = dataset.substring(PREFIX.length()).trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._()-]*")) {
            throw new DatasetException("--dataset " + dataset + ": expected tu:NAME with NAME a TU dataset such as "
                    + "Mutagenicity, MUTAG, PROTEINS or NCI1");
        }
        return name;
    }

    /** Tells a user where to download a TU dataset and where to put it. */
    public static String howToGet(String name) {
        return "Download https://www.chrsmrrs.com/graphkerneldatasets/" + name + ".zip (the TUDataset collection, "
                + SOURCE + ") and unzip it into a data root DIR so that DIR/" + name + "/" + name
                + "_A.txt exists, then pass --data-dir DIR or set $" + DatasetLocator.ENV_VAR;
    }

    /**
     * Finds the folder of TU dataset {@code name}.
     *
     * @throws DatasetException naming the places looked at and how to get the set
     */
    public static Path locate(DatasetLocator locator, String name, Path dataDir) {
        return locator.locateFolder(PREFIX + name, name, TuDatasetReader.requiredFiles(name), dataDir, howToGet(name));
    }

    /** Returns the dataset's files present in {@code dir}, required then optional, for hashing. */
    public static List<Path> files(Path dir, String name) {
        List<Path> files = new ArrayList<>();
        for (String f : TuDatasetReader.requiredFiles(name)) {
            files.add(dir.resolve(f));
        }
        for (String f : TuDatasetReader.optionalFiles(name)) {
            if (Files.isRegularFile(dir.resolve(f))) {
                files.add(dir.resolve(f));
            }
        }
        return files;
    }
}
