package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.cli.UserError;
import io.sam4j.core.util.Hashing;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --init-from RUN_DIR|FILE.safetensors}: starts training from weights trained elsewhere.
 *
 * <p>Every tensor must match the fresh model by PyTorch name and shape (see {@link
 * ModelWeights#load}); only the classification head may differ, when the class count does, and
 * then keeps its fresh initialisation. The source's path and SHA-256 (of the safetensors file, or
 * of the run's checkpoint) go into the run's provenance.
 */
public final class InitFrom {

    private InitFrom() {}

    /**
     * Loads the source into {@code block}.
     *
     * @param source a run directory or a {@code .safetensors} file
     * @param block the freshly initialized model
     * @param note receives a one-line note when the head is replaced
     * @return the provenance record
     * @throws UserError naming the source and what does not match
     */
    public static Map<String, Object> apply(Path source, Block block, java.util.function.Consumer<String> note) {
        if (!Files.exists(source)) {
            throw new UserError("--init-from " + source + ": no such file or directory");
        }
        String kind;
        Path hashed;
        List<NamedTensor> tensors;
        if (Files.isDirectory(source)) {
            kind = "run";
            try (NDManager scratch = NDManager.newBaseManager()) {
                RunWeights run = RunWeights.open(source, scratch);
                tensors = ModelWeights.export(run.block());
                hashed = run.checkpoint();
            }
        } else {
            if (!SafeTensors.looksLikeSafetensors(source)) {
                throw new UserError("--init-from " + source + " is neither a run directory nor a safetensors file"
                        + " (export one with 'sam4j export RUN_DIR --format safetensors')");
            }
            kind = "safetensors";
            hashed = source;
            try {
                tensors = SafeTensors.read(source).tensors();
            } catch (IOException e) {
                throw new UserError("--init-from " + e.getMessage());
            }
        }
        ModelWeights.LoadReport report;
        try {
            report = ModelWeights.load(block, tensors);
        } catch (IllegalArgumentException e) {
            throw new UserError("--init-from " + source + ": " + e.getMessage());
        }
        if (report.headReplaced()) {
            note.accept("--init-from: the class count differs, so the classification head starts fresh ("
                    + report.headShapes() + ")");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("path", source.toAbsolutePath().normalize().toString());
        record.put("kind", kind);
        try {
            record.put("sha256", Hashing.sha256Hex(hashed));
        } catch (IOException e) {
            throw new UserError("--init-from: cannot read " + hashed + ": " + e.getMessage());
        }
        record.put("tensors_loaded", report.loaded());
        record.put("head_replaced", report.headReplaced());
        return record;
    }
}
