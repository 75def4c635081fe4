package io.sam4j.zoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the folder holding a dataset. A data root holds one folder per dataset, {@code <root>/<name>/}.
 * The roots searched are:
 * <ol>
 *   <li>the explicit {@code --data-dir}, when given, and nothing else;</li>
 *   <li>else the environment variable {@code SAM4J_DATA}, when set, and nothing else;</li>
 *   <li>else {@code ~/.sam4j/datasets} (where {@link DatasetFetcher} downloads by default), then
 *       {@code /usr/share/datasets} (Debian's {@code dataset-fashion-mnist} package installs there); the
 *       first whose dataset folder holds every file of the spec wins.</li>
 *   <li>last, and only when neither was given, the small {@link EmbeddedSubset} shipped in the jar
 *       (Fashion-MNIST only), unpacked into {@link #embeddedRoot()}.</li>
 * </ol>
 * A root the user names is their data: when it lacks the dataset the lookup fails naming it, rather
 * than training on another copy found elsewhere.
 * The environment, home folder and system root are injectable so tests do not depend on the machine.
 */
public final class DatasetLocator {

    /** The environment variable naming a data root. */
    public static final String ENV_VAR = "SAM4J_DATA";
    /** The system-wide data root used by Debian dataset packages. */
    public static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

    private final Map<String, String> env;
    private final Path home;
    private final Path systemRoot;

    /**
     * @param env environment variables (only {@value #ENV_VAR} is read)
     * @param home the user's home folder
     * @param systemRoot the system-wide data root, normally {@link #SYSTEM_ROOT}
     */
    public DatasetLocator(Map<String, String> env, Path home, Path systemRoot) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
        this.systemRoot = Objects.requireNonNull(systemRoot, "systemRoot");
    }

    /**
     * The system property that moves the system-wide root, so that tests of whole commands can hide
     * the machine's installed copies (as they move {@code user.home}).
     */
    public static final String SYSTEM_ROOT_PROPERTY = "sam4j.system-data-root";

    /**
     * @return a locator reading this process's environment, {@code user.home} and {@link
     *     #SYSTEM_ROOT} (or {@value #SYSTEM_ROOT_PROPERTY} when set)
     */
    public static DatasetLocator fromSystem() {
        return new DatasetLocator(
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty(SYSTEM_ROOT_PROPERTY, SYSTEM_ROOT.toString())));
    }

    /** @return {@code ~/.sam4j/datasets} for this locator's home */
    public Path userRoot() {
        return home.resolve(".sam4j").resolve("datasets");
    }

    /** @return {@code ~/.sam4j/embedded}, where {@link EmbeddedSubset}s are unpacked */
    public Path embeddedRoot() {
        return home.resolve(".sam4j").resolve("embedded");
    }

    /**
     * Where a download should go: {@code dataDir} if given, else {@code $SAM4J_DATA} if set, else
     * {@link #userRoot()}.
     *
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @return the data root to download into
     */
    public Path downloadRoot(Path dataDir) {
        if (dataDir != null) {
            return dataDir;
        }
        String fromEnv = envRoot();
        return fromEnv != null ? Path.of(fromEnv) : userRoot();
    }

    /**
     * @param spec the dataset
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @return the dataset folder {@code <root>/<name>} of the first root holding all its files
     */
    public Optional<Path> find(DatasetSpec spec, Path dataDir) {
        return find(spec, dataDir, DatasetOptions.DEFAULT);
    }

    /**
     * @param spec the dataset
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @param options the data wanted (e.g. SVHN's extra images need one more file)
     * @return the dataset folder {@code <root>/<name>} of the first root holding what a load needs
     */
    public Optional<Path> find(DatasetSpec spec, Path dataDir, DatasetOptions options) {
        if (ImageFolders.isFolder(spec)) {
            // An image folder is named by its own path; data roots do not apply.
            return Optional.of(ImageFolders.root(spec));
        }
        for (Candidate candidate : candidates(dataDir)) {
            if (candidate.root != null
                    && missingFiles(spec, candidate.root.resolve(spec.folder()), options)
                            .isEmpty()) {
                return Optional.of(candidate.root.resolve(spec.folder()));
            }
        }
        if (dataDir == null && envRoot() == null) {
            // A folder the user names is honoured alone; otherwise the subset in the jar beats failing.
            return EmbeddedSubset.of(spec.name()).map(subset -> subset.unpack(embeddedRoot()));
        }
        return Optional.empty();
    }

    /**
     * @param spec the dataset
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @return the dataset folder {@code <root>/<name>} of the first root holding all its files
     * @throws DatasetException naming every place looked at and how to get the dataset, when none has it
     */
    public Path locate(DatasetSpec spec, Path dataDir) {
        return locate(spec, dataDir, DatasetOptions.DEFAULT);
    }

    /** As {@link #locate(DatasetSpec, Path)} for the data selected by {@code options}. */
    public Path locate(DatasetSpec spec, Path dataDir, DatasetOptions options) {
        return find(spec, dataDir, options).orElseThrow(() -> notFound(spec, dataDir, options));
    }

    /** As {@link #locate(DatasetSpec, Path)} for a catalog name. */
    public Path locate(String datasetName, Path dataDir) {
        return locate(DatasetCatalog.get(datasetName), dataDir);
    }

    /**
     * Finds a dataset that is not in the image catalog (signals, graphs) by its folder and files.
     *
     * @param folder the folder name under a data root
     * @param fileNames the files that must all be present in it
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @return the folder {@code <root>/<folder>} of the first root holding all the files
     */
    public Optional<Path> findFolder(String folder, List<String> fileNames, Path dataDir) {
        for (Candidate candidate : candidates(dataDir)) {
            if (candidate.root != null
                    && missingFiles(fileNames, candidate.root.resolve(folder)).isEmpty()) {
                return Optional.of(candidate.root.resolve(folder));
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #findFolder}, failing with the places looked at and {@code howToGet} when no root has the
     * files.
     *
     * @param name the dataset's name for the message
     * @param folder the folder name under a data root
     * @param fileNames the files that must all be present in it
     * @param dataDir the {@code --data-dir} option, or {@code null}
     * @param howToGet the end of the message, e.g. where to download the files
     * @throws DatasetException naming every place looked at, when none has the files
     */
    public Path locateFolder(String name, String folder, List<String> fileNames, Path dataDir, String howToGet) {
        return findFolder(folder, fileNames, dataDir)
                .orElseThrow(() -> notFound(name, folder, f -> missingFiles(fileNames, f), dataDir, howToGet));
    }

    private DatasetException notFound(DatasetSpec spec, Path dataDir, DatasetOptions options) {
        return notFound(
                spec.name(),
                spec.folder(),
                f -> missingFiles(spec, f, options),
                dataDir,
                "Get it with 'sam4j datasets fetch " + spec.name() + (options.extraTraining() ? " --svhn-extra" : "")
                        + "'"
                        + ("fashion-mnist".equals(spec.name()) ? ", 'apt-get install dataset-fashion-mnist'," : "")
                        + " or pass --data-dir DIR");
    }

    private DatasetException notFound(
            String name, String folderName, Function<Path, List<String>> missing, Path dataDir, String howToGet) {
        List<String> places = new ArrayList<>();
        for (Candidate candidate : candidates(dataDir)) {
            if (candidate.root == null) {
                places.add(candidate.label + " (" + candidate.absentReason + ")");
                continue;
            }
            Path folder = candidate.root.resolve(folderName);
            String prefix = candidate.label.isEmpty() ? "" : candidate.label + " ";
            String state = Files.isDirectory(folder)
                    ? "incomplete, lacks " + String.join(" ", missing.apply(folder))
                    : "missing";
            places.add(prefix + folder + " (" + state + ")");
        }
        String only = dataDir != null
                ? " (only --data-dir is searched when given)"
                : envRoot() != null ? " (only $" + ENV_VAR + " is searched when set)" : "";
        return new DatasetException(
                "dataset '" + name + "' not found; looked in: " + String.join(", ", places) + only + ". " + howToGet);
    }

    private static List<String> missingFiles(DatasetSpec spec, Path folder, DatasetOptions options) {
        return spec.loader().missing(spec, folder, options);
    }

    private static List<String> missingFiles(List<String> fileNames, Path folder) {
        return fileNames.stream()
                .filter(name -> !Files.isRegularFile(folder.resolve(name)))
                .toList();
    }

    private String envRoot() {
        String value = env.get(ENV_VAR);
        return value == null || value.isBlank() ? null : value;
    }

    private List<Candidate> candidates(Path dataDir) {
        // A root the user names explicitly is the only one searched: never substitute another copy.
        if (dataDir != null) {
            return List.of(new Candidate("--data-dir", dataDir, null));
        }
        String fromEnv = envRoot();
        if (fromEnv != null) {
            return List.of(new Candidate("$" + ENV_VAR, Path.of(fromEnv), null));
        }
        return List.of(
                new Candidate("--data-dir", null, "not given"),
                new Candidate("$" + ENV_VAR, null, "not set"),
                new Candidate("", userRoot(), null),
                new Candidate("", systemRoot, null));
    }

    /** A root to try; {@code root} is null when the option or variable is absent. */
    private record Candidate(String label, Path root, String absentReason) {}
}
