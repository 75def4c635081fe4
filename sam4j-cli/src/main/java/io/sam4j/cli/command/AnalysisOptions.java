package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the analysis commands (landscape, sharpness) share: the run, its sample, threads and output. */
public final class AnalysisOptions {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'sam4j train'.")
    Path runDir;

    @Mixin
    RunDataOptions data;

    @Option(
            names = "--samples",
            paramLabel = "N",
            description = "Training examples to evaluate on: a fixed, seeded, unaugmented subset (default: 2000).")
    int samples = 2000;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per forward pass (default: 250).")
    int batchSize = 250;

    @Mixin
    SeedOption seed;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the results (default: the run directory).")
    Path out;

    /** Checks the shared flags; call before loading anything. */
    void validate() {
        atLeast("--samples", samples, 1);
        atLeast("--batch-size", batchSize, 1);
    }

    /** Makes PyTorch use the requested threads; effective when the engine has not started yet. */
    void applyThreads() {
        engine.apply();
    }

    /** Returns the output directory. */
    Path outDir() {
        return out != null ? out : runDir;
    }

    static void atLeast(String flag, long value, long min) {
        if (value < min) {
            throw new UserError(flag + " must be >= " + min + " but was " + value);
        }
    }
}
