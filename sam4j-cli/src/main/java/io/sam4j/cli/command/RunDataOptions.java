package io.sam4j.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command that reopens a run finds its dataset. */
public final class RunDataOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where to find the dataset, if not where training found it.")
    Path dataDir;

    /** Returns the directory given, or null for the run's own. */
    public Path dataDir() {
        return dataDir;
    }
}
