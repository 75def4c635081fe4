package io.sam4j.cli.run;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.RunIdentity.DataIdentity;
import io.sam4j.cli.spec.Origin;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Settings;
import io.sam4j.core.random.Seeds;
import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.EmbeddedSubset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens the data a run trained on by its recorded identity (dataset and checksum), not by the lookup
 * order: installing or fetching another copy after a run trained must not change what resuming or
 * analysing it reads. The folder it trained from is tried first, then the embedded subset, then the
 * lookup order; a copy is used only when its checksum is the recorded one.
 */
public final class RecordedData {

    /**
     * Where the user asked for the data.
     *
     * @param dataDir the {@code --data-dir} given, or null
     * @param otherData whether data other than the run's may be used on purpose ({@code --other-data})
     */
    public record Choice(Path dataDir, boolean otherData) {

        /** No flag: the run's own data. */
        public static final Choice RUN_DATA = new Choice(null, false);
    }

    /**
     * The data opened.
     *
     * @param data the data
     * @param found its identity as opened (checksum null when the run recorded none to compare)
     * @param recorded what the run trained on, or null for a run that recorded no checksum
     */
    public record Opened(TaskData data, DataIdentity found, DataIdentity recorded) {

        /** Returns whether the data is the run's own (or the run recorded nothing to tell). */
        public boolean isRunData() {
            return recorded == null
                    || recorded.sha256() == null
                    || recorded.sha256().equals(found.sha256());
        }

        /** Returns the record of the data an output was computed on, for its JSON. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", found.dataset());
            json.put("sha256", found.sha256());
            json.put("directory", found.directory());
            json.put("run_data", isRunData());
            if (!isRunData()) {
                json.put("run_trained_on_sha256", recorded.sha256());
            }
            return json;
        }
    }

    private RecordedData() {}

    /**
     * Opens the run's data.
     *
     * @param spec the run's settings
     * @param recorded what the run trained on, or null when it recorded no checksum (then the lookup order
     *     applies, as when it trained)
     * @param choice the user's {@code --data-dir} and {@code --other-data}
     * @param runDir named in the refusal
     * @param note told when data other than the run's is used on purpose
     * @throws UserError in one line naming the recorded data and what was found, when no copy matches
     */
    public static Opened open(
            RunSpec spec, Seeds seeds, DataIdentity recorded, Choice choice, Path runDir, Consumer<String> note) {
        if (recorded == null || recorded.sha256() == null) {
            TaskData data =
                    TaskDataFactory.open(withRoot(spec, choice.dataDir()).data(), seeds);
            return new Opened(data, DataIdentity.of(data, null), null);
        }
        List<String> found = new ArrayList<>();
        Opened other = null;
        for (RunSpec candidate : candidates(spec, recorded, choice.dataDir())) {
            TaskData data;
            try {
                data = TaskDataFactory.open(candidate.data(), seeds);
            } catch (DatasetException | UserError e) {
                if (choice.dataDir() != null) {
                    throw e;
                }
                continue;
            }
            DataIdentity identity = DataIdentity.of(data, data.sha256());
            Opened opened = new Opened(data, identity, recorded);
            if (opened.isRunData()) {
                return opened;
            }
            String where = (choice.dataDir() != null ? "--data-dir gives " : "") + identity.describe();
            if (!found.contains(where)) {
                found.add(where);
            }
            other = other == null ? opened : other;
        }
        if (choice.otherData() && other != null) {
            note.accept("--other-data: using " + other.found().describe() + ", not the data run " + runDir
                    + " trained on (" + recorded.describe() + ")");
            return other;
        }
        throw new UserError("run " + runDir + " trained on " + recorded.describe() + "; found "
                + (found.isEmpty() ? "no copy" : String.join(", ", found))
                + "; pass --data-dir ROOT holding a copy with that checksum"
                + (choice.otherData() ? "" : " (or --other-data where analysing other data is meant)"));
    }

    /** The specs to try, each naming one data root: the run's folder, the embedded subset, the lookup. */
    private static List<RunSpec> candidates(RunSpec spec, DataIdentity recorded, Path dataDir) {
        if (dataDir != null) {
            return List.of(withRoot(spec, dataDir));
        }
        List<RunSpec> specs = new ArrayList<>();
        Path folder = recorded.directory().isEmpty() ? null : Path.of(recorded.directory());
        if (folder != null && folder.getParent() != null && Files.isDirectory(folder)) {
            specs.add(withRoot(spec, folder.getParent()));
        }
        if (recorded.dataset().contains("embedded")) {
            // The subset ships in the jar: a run trained on it always has it, even in another home.
            EmbeddedSubset.of(spec.data().dataset()).ifPresent(subset -> {
                Path unpacked = subset.unpack(DatasetLocator.fromSystem().embeddedRoot());
                if (!Objects.equals(unpacked, folder)) {
                    specs.add(withRoot(spec, unpacked.getParent()));
                }
            });
        }
        specs.add(spec);
        return specs;
    }

    private static RunSpec withRoot(RunSpec spec, Path root) {
        return root == null ? spec : spec.with(Settings.DATA_DIR, root, Origin.FLAG);
    }
}
