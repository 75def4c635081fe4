/**
 * The {@code sam4j} command line: {@link io.sam4j.cli.Sam4j} is the entry point. The run specification
 * (every {@code train} setting declared once, and its resolution) lives in {@code spec}; the thin
 * picocli commands and their shared option mixins in {@code command}; the services they call (training,
 * a trained run reopened for analysis, the factories, the Hessian analysis, run directories) in
 * {@code run}; the report writer in {@code report}; presets and the JSON mapper in {@code config}; grids
 * of runs in {@code sweep}.
 */
package io.sam4j.cli;
