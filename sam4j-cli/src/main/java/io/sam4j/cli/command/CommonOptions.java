package io.sam4j.cli.command;

import io.sam4j.cli.Sam4j;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    void setVerbose(boolean verbose) {
        Sam4j.setVerbose(verbose);
    }
}
