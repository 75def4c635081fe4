package io.sam4j.cli.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.sam4j.cli.UserError;
import io.sam4j.core.util.Hashing;
import io.sam4j.core.weights.FlaxCheckpoint;
import io.sam4j.core.weights.FlaxEfficientNet;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.Npz;
import io.sam4j.core.weights.SafeTensors;
import io.sam4j.zoo.data.ArchiveExtractor;
import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.model.FreezableBatchNorm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code --init-from RUN_DIR|FILE.safetensors|FLAX_CHECKPOINT}: starts training from weights trained
 * elsewhere.
 *
 * <p>Sources: a sam4j run directory; a safetensors file with PyTorch (torchvision) names, as {@code
 * sam4j export} writes and {@code safetensors.torch.save_file(model.state_dict(), ...)} does; or, for
 * {@code efficientnet-*} models, a checkpoint of the SAM paper's official code (google-research/sam):
 * the Flax msgpack file, the folder holding its {@code checkpoint_N} files, or the downloaded {@code
 * checkpoint.tar.gz}, extracted into a temporary folder by {@link ArchiveExtractor}, which refuses
 * entries that would land outside it. Flax parameters are mapped by {@link FlaxEfficientNet}. The
 * official network pads as TensorFlow does, so {@code train} builds the {@code tf-efficientnet-*}
 * form of the model for such a source ({@link OfficialCheckpointModel}); the record notes the
 * checkpoint's module naming.
 *
 * <p>Every tensor must match the fresh model by PyTorch name and shape (see {@link
 * ModelWeights#load}); only the classification head may differ, when the class count does, and
 * then keeps its fresh initialisation, with a one-line note. The source's path and SHA-256 (of the
 * safetensors file, the archive or Flax file, or the run's checkpoint) go into the run's provenance.
 */
public final class InitFrom {

    private InitFrom() {}

    /**
     * Loads the source into {@code block}.
     *
     * @param source a run directory, a {@code .safetensors} or {@code .npz} file, or a Flax checkpoint (file, folder
     *     or {@code .tar.gz})
     * @param block the freshly initialized model
     * @param note receives a one-line note when the head is replaced
     * @return the provenance record
     * @throws UserError naming the source and what does not match
     */
    public static Map<String, Object> apply(Path source, Block block, Consumer<String> note) {
        Map<String, Object> flaxFacts = new LinkedHashMap<>();
        if (!Files.exists(source)) {
            throw new UserError("--init-from " + source + ": no such file or directory");
        }
        String kind;
        Path hashed;
        List<NamedTensor> tensors;
        if (Files.isDirectory(source) && new RunDirectory(source).holdsRun()) {
            kind = "run";
            try (NDManager scratch = NDManager.newBaseManager()) {
                RunWeights run = RunWeights.open(source, scratch);
                tensors = ModelWeights.export(run.block());
                hashed = run.checkpoint();
            }
        } else if (Files.isDirectory(source)) {
            kind = "flax";
            Path file = locate(source, source);
            hashed = file;
            tensors = flax(source, file, block, flaxFacts);
        } else if (ArchiveExtractor.isArchive(source.getFileName().toString())) {
            kind = "flax";
            hashed = source;
            tensors = fromArchive(source, block, flaxFacts);
        } else if (SafeTensors.looksLikeSafetensors(source)) {
            kind = "safetensors";
            hashed = source;
            try {
                tensors = SafeTensors.read(source).tensors();
            } catch (IOException e) {
                throw new UserError("--init-from " + e.getMessage());
            }
        } else if (source.getFileName().toString().endsWith(".npz")) {
            kind = "npz";
            hashed = source;
            try {
                tensors = Npz.read(source);
            } catch (IOException e) {
                throw new UserError("--init-from " + e.getMessage());
            }
        } else if (FlaxCheckpoint.looksLikeFlax(source)) {
            kind = "flax";
            hashed = source;
            tensors = flax(source, source, block, flaxFacts);
        } else {
            throw new UserError("--init-from " + source + " is neither a run directory, a safetensors or npz file nor"
                    + " a Flax checkpoint (export one with 'sam4j export RUN_DIR --format safetensors')");
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
        record.putAll(flaxFacts);
        try {
            record.put("sha256", Hashing.sha256Hex(hashed));
        } catch (IOException e) {
            throw new UserError("--init-from: cannot read " + hashed + ": " + e.getMessage());
        }
        record.put("tensors_loaded", report.loaded());
        record.put("head_replaced", report.headReplaced());
        return record;
    }

    /**
     * Returns whether {@code --init-from} would read {@code source} as a Flax checkpoint of the
     * official code: a folder that is not a sam4j run, an archive, or a file that starts with a
     * msgpack map (and is no safetensors file).
     *
     * @param source an {@code --init-from} value
     */
    public static boolean isFlax(Path source) {
        if (Files.isDirectory(source)) {
            return !new RunDirectory(source).holdsRun();
        }
        if (!Files.isRegularFile(source)) {
            return false;
        }
        String name = source.getFileName().toString();
        return ArchiveExtractor.isArchive(name)
                || (!SafeTensors.looksLikeSafetensors(source)
                        && !name.endsWith(".npz")
                        && FlaxCheckpoint.looksLikeFlax(source));
    }

    private static Path locate(Path source, Path folder) {
        Optional<Path> file;
        try {
            file = FlaxCheckpoint.locate(folder);
        } catch (IOException e) {
            throw new UserError("--init-from " + source + ": cannot list " + folder + ": " + e.getMessage());
        }
        return file.orElseThrow(() -> new UserError("--init-from " + source + " is neither a sam4j run directory nor"
                + " a Flax checkpoint folder: it holds no config.json and no checkpoint_N file"));
    }

    private static List<NamedTensor> fromArchive(Path archive, Block block, Map<String, Object> facts) {
        Path temporary;
        try {
            temporary = Files.createTempDirectory("sam4j-init-from");
        } catch (IOException e) {
            throw new UserError("--init-from " + archive + ": cannot create a temporary folder: " + e.getMessage());
        }
        try {
            try {
                ArchiveExtractor.extract(archive, temporary);
            } catch (DatasetException e) {
                throw new UserError("--init-from " + e.getMessage());
            }
            return flax(archive, locate(archive, temporary), block, facts);
        } catch (UserError e) {
            // Name the file inside the archive, not the temporary folder that is about to go.
            throw new UserError(e.getMessage().replace(temporary + "/", archive + "!"));
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static List<NamedTensor> flax(Path source, Path file, Block block, Map<String, Object> facts) {
        FlaxCheckpoint checkpoint;
        try {
            checkpoint = FlaxCheckpoint.read(file);
        } catch (IOException e) {
            throw new UserError("--init-from " + e.getMessage());
        }
        float epsilon = batchNormEpsilon(block)
                .orElseThrow(() -> new UserError("--init-from " + source + ": Flax checkpoints of the official code"
                        + " hold EfficientNets; this model has no BatchNorm, so it is not one"));
        facts.put(
                "flax_naming",
                FlaxEfficientNet.naming(checkpoint) == FlaxEfficientNet.Naming.FLAX_0_2
                        ? "flax 0.2.2 (Stem_0, MBConvBlock_K, Head_n+1)"
                        : "flax before 2020-03-30 (numbered modules)");
        try {
            return FlaxEfficientNet.toTorchvision(checkpoint, block, epsilon);
        } catch (IllegalArgumentException e) {
            throw new UserError("--init-from " + e.getMessage());
        }
    }

    /** Returns the epsilon of the model's first BatchNorm; EfficientNets use one for all. */
    private static Optional<Float> batchNormEpsilon(Block block) {
        if (block instanceof FreezableBatchNorm norm) {
            return Optional.of(norm.epsilon());
        }
        for (Block child : block.getChildren().values()) {
            Optional<Float> found = batchNormEpsilon(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left for the system's temporary-file cleanup: the run does not depend on it.
                }
            });
        } catch (IOException e) {
            // As above.
        }
    }
}
