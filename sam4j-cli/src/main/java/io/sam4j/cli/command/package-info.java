/** The picocli commands: train, eval, sweep, datasets, models; each a {@code Callable<Integer>}. */
package io.sam4j.cli.command;
