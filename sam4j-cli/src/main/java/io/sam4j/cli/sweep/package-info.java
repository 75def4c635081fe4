/**
 * {@code sam4j sweep}: a grid of training runs, each its own JVM, run locally a few at a time or as a
 * Slurm job array, resumable after any interruption.
 *
 * <p>{@link io.sam4j.cli.sweep.Grid} parses and expands the grid (each setting's declaration
 * says to which points it applies), {@link io.sam4j.cli.sweep.SweepIndex} is {@code sweep.json},
 * {@link io.sam4j.cli.sweep.SweepWorker} is the child process of one run, and {@link
 * io.sam4j.cli.sweep.LocalExecutor} / {@link io.sam4j.cli.sweep.SlurmExecutor} start the children.
 */
package io.sam4j.cli.sweep;
