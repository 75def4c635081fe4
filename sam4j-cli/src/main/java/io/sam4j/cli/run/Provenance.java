package io.sam4j.cli.run;

import ai.djl.engine.Engine;
import io.sam4j.cli.Versions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a run was made with, recorded in {@code config.json} (in the spirit of Tribuo's provenance). */
public final class Provenance {

    private Provenance() {}

    /**
     * Collects the provenance of a run.
     *
     * @param seed the run seed
     * @param datasetSha256 the hash of the dataset files
     * @param dataset extra facts about the data (sizes, subsets)
     */
    public static Map<String, Object> of(long seed, String datasetSha256, Map<String, Object> dataset) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sam4j_version", Versions.sam4j());
        p.put("git_commit", Versions.gitCommit().orElse(null));
        p.put("djl_version", Engine.getDjlVersion());
        p.put("engine", Engine.getInstance().getEngineName());
        p.put("engine_version", Engine.getInstance().getVersion());
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vendor", System.getProperty("java.vendor"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("seed", seed);
        p.put("dataset_sha256", datasetSha256);
        p.put("data", dataset);
        p.put("created", Instant.now().toString());
        return p;
    }
}
