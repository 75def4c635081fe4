package io.sam4j.zoo.data;

import io.sam4j.core.util.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The datasets sam4j knows by name. To add a dataset family, write its specs (as {@link MnistFamily} does)
 * and list them in {@link #KNOWN}.
 */
public final class DatasetCatalog {

    private static final Map<String, DatasetSpec> KNOWN = Stream.of(
                    MnistFamily.fashionMnist(),
                    MnistFamily.mnist(),
                    MnistFamily.kmnist(),
                    CifarFamily.cifar10(),
                    CifarFamily.cifar100(),
                    SvhnFamily.svhn())
            .collect(Collectors.toMap(
                    DatasetSpec::name,
                    Function.identity(),
                    (a, b) -> {
                        throw new IllegalStateException("dataset '" + a.name() + "' is listed twice");
                    },
                    TreeMap::new));

    private DatasetCatalog() {}

    /** @return the known dataset names, sorted */
    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** @return whether {@code name} is a known dataset */
    public static boolean contains(String name) {
        return KNOWN.containsKey(name);
    }

    /**
     * @param name a dataset name such as {@code fashion-mnist}, or {@code folder:PATH} for an image folder at
     *     {@link ImageFolders#DEFAULT_IMAGE_SIZE}
     * @return its spec
     * @throws DatasetException for an unknown name, suggesting the closest known one
     */
    public static DatasetSpec get(String name) {
        return get(name, ImageFolders.DEFAULT_IMAGE_SIZE);
    }

    /**
     * As {@link #get(String)}, with the model input side of an image folder ({@code folder:PATH}); ignored by
     * the fixed-shape datasets of the catalog. Loading progress of large folders goes to standard error.
     */
    public static DatasetSpec get(String name, int imageSize) {
        if (ImageFolders.isFolder(name)) {
            return ImageFolders.spec(name, imageSize, System.err);
        }
        DatasetSpec spec = KNOWN.get(name);
        if (spec != null) {
            return spec;
        }
        String suggestion = Suggestions.closest(String.valueOf(name), KNOWN.keySet())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        throw new DatasetException(
                "unknown dataset '" + name + "'" + suggestion + "; known: " + String.join(", ", KNOWN.keySet()));
    }
}
