/**
 * The {@code sam4j} command line: {@link io.sam4j.cli.Sam4j} is the entry point; commands live in
 * {@code command}, run directories and their listeners in {@code run}, configs in {@code config}.
 */
package io.sam4j.cli;
