/**
 * Reading sam4j run directories for reports: the config and provenance, per-epoch metrics, the summary
 * and, when other commands wrote them, Hessian spectra, loss landscapes and sharpness. Reading is
 * tolerant: a missing or unreadable optional file becomes a note in the report, never a failure. The
 * directory's file names and JSON keys are defined once in {@code io.sam4j.core.run}, which the writers
 * (the CLI and analysis) and this reader share.
 */
package io.sam4j.report.run;
