package io.sam4j.cli.command;

import picocli.CommandLine.Option;

/** The seed of an analysis's sample and random draws. */
public final class SeedOption {

    @Option(
            names = "--seed",
            description = "Seed of the sample and of every random draw (default: the run's seed; 0 for bench).")
    Long seed;

    /** Returns the seed given, or null for the run's. */
    public Long given() {
        return seed;
    }

    /** Returns the seed given, else {@code fallback}. */
    public long orElse(long fallback) {
        return seed != null ? seed : fallback;
    }
}
