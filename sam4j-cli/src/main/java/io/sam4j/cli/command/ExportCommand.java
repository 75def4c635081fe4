package io.sam4j.cli.command;

import ai.djl.ndarray.NDManager;
import io.sam4j.cli.UserError;
import io.sam4j.cli.run.RunWeights;
import io.sam4j.core.util.Suggestions;
import io.sam4j.core.weights.ModelWeights;
import io.sam4j.core.weights.NamedTensor;
import io.sam4j.core.weights.Npz;
import io.sam4j.core.weights.SafeTensors;
import io.sam4j.zoo.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j export RUN_DIR --format safetensors|npz --out FILE [--force]}: writes a run's weights and
 * BatchNorm statistics under PyTorch state-dict names. The file is written atomically (a reader sees
 * the old file or the complete new one) and an existing one is replaced only with {@code --force}.
 */
@Command(
        name = "export",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j export runs/looksam --out looksam.safetensors",
            "  sam4j export runs/looksam --format npz --out looksam.npz --force"
        },
        mixinStandardHelpOptions = true,
        description = {
            "Write a run's parameters and BatchNorm statistics under PyTorch names (layer1.0.conv1.weight).",
            "safetensors: load with safetensors.torch.load_file; npz: numpy.load."
        })
public final class ExportCommand implements Callable<Integer> {

    /** Export formats. */
    static final List<String> FORMATS = List.of("safetensors", "npz");

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'sam4j train'.")
    Path runDir;

    @Option(
            names = "--format",
            description = "safetensors or npz (default: from the --out extension, else safetensors).")
    String format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "The file to write (written atomically; an existing file is kept unless --force).")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Override
    public Integer call() {
        String chosen = format(format, out);
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a directory; name the file to write");
        }
        if (Files.exists(out) && !force) {
            throw new UserError("--out " + out + " already exists; choose another file or pass --force to replace it");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            RunWeights run = RunWeights.open(runDir, manager);
            List<NamedTensor> tensors = ModelWeights.export(run.block());
            try {
                if (chosen.equals("npz")) {
                    Npz.write(out, tensors);
                } else {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    metadata.put("format", "pt");
                    metadata.put("sam4j_model", run.spec().model().name());
                    metadata.put("sam4j_dataset", run.spec().data().dataset());
                    metadata.put("sam4j_epoch", String.valueOf(run.epoch()));
                    SafeTensors.write(out, tensors, metadata);
                }
            } catch (IOException e) {
                throw new UserError("cannot write --out " + out + ": " + e.getMessage());
            }
            String model = run.spec().model().name();
            if (ModelCatalog.padsAsTensorFlow(model)) {
                System.err.println("sam4j: note: " + model + " pads as TensorFlow's 'SAME' (asymmetric at stride 2)"
                        + " and torchvision's " + model.substring(3).replace('-', '_')
                        + " pads symmetrically, so these weights give other outputs there; timm's "
                        + model.replace('-', '_') + " pads as they need");
            }
            long scalars = tensors.stream().mapToLong(NamedTensor::size).sum();
            System.out.printf(
                    Locale.ROOT,
                    "wrote %d tensors (%,d values) of %s after epoch %d to %s (%s)%n",
                    tensors.size(),
                    scalars,
                    run.spec().model().name(),
                    run.epoch(),
                    out,
                    chosen);
            return 0;
        }
    }

    static String format(String flag, Path out) {
        if (flag != null) {
            String lower = flag.trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(lower)) {
                throw new UserError("--format must be one of " + String.join(", ", FORMATS) + " but was '" + flag + "'"
                        + Suggestions.didYouMean(lower, FORMATS));
            }
            return lower;
        }
        return out.toString().toLowerCase(Locale.ROOT).endsWith(".npz") ? "npz" : "safetensors";
    }
}
