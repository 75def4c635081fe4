package io.sam4j.cli.command;

import io.sam4j.cli.run.RecordedData;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command that reopens a run finds its dataset. */
public final class RunDataOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Root holding a copy of the run's dataset, if not where training found it; it must have"
                    + " the checksum the run recorded.")
    Path dataDir;

    @Option(
            names = "--other-data",
            description = "Analyse on the data found even if its checksum is not the one the run trained on"
                    + " (printed, and recorded in the output's JSON).")
    boolean otherData;

    /** Returns the directory given, or null for the run's own. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns where to find the run's data and whether other data is meant. */
    public RecordedData.Choice choice() {
        return new RecordedData.Choice(dataDir, otherData);
    }
}
