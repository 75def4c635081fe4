/** The picocli commands: train, eval, datasets, models; each a {@code Callable<Integer>}. */
package io.sam4j.cli.command;
