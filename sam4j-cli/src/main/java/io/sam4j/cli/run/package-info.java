/**
 * Run directories and the listeners that fill them: {@code config.json} with provenance, {@code
 * metrics.jsonl}, {@code summary.json}, TensorBoard events and atomic checkpoints.
 */
package io.sam4j.cli.run;
