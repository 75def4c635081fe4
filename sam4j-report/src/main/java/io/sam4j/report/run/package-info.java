/**
 * Reading sam4j run directories for reports: the config and provenance, per-epoch metrics, the summary
 * and, when other commands wrote them, Hessian spectra, loss landscapes and sharpness. Reading is
 * tolerant: a missing or unreadable optional file becomes a note in the report, never a failure.
 * {@link io.sam4j.report.run.RunFiles} and {@link io.sam4j.report.run.RunKeys} define the run
 * directory's file names and JSON keys once, for the commands that write them and for the report.
 */
package io.sam4j.report.run;
