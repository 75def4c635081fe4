/**
 * The services commands call. {@link io.sam4j.cli.run.Training} runs or continues a training run from
 * its {@link io.sam4j.cli.spec.RunSpec}, through {@link io.sam4j.cli.run.TrainingSession}, which the
 * factories fill ({@link io.sam4j.cli.run.TaskDataFactory}, {@link io.sam4j.cli.run.ModelFactory},
 * {@link io.sam4j.cli.run.OptimizerFactory}, {@link io.sam4j.cli.run.StepFactory}); {@link
 * io.sam4j.cli.run.TrainedRun} reopens a finished run with its data and model only, for {@code eval} and
 * the analyses ({@link io.sam4j.cli.run.RunHessian}). {@link io.sam4j.cli.run.RunDirectory} owns a
 * run's files: {@code config.json} with provenance, {@code metrics.jsonl}, {@code summary.json},
 * TensorBoard events and atomic checkpoints, each epoch's checkpoint written before its metrics line.
 */
package io.sam4j.cli.run;
