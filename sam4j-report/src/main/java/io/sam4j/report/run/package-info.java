/**
 * Reading sam4j run directories for reports: the config and provenance, per-epoch metrics, the summary
 * and, when other commands wrote them, Hessian spectra, loss landscapes and sharpness. Reading is
 * tolerant: a missing or unreadable optional file becomes a note in the report, never a failure.
 */
package io.sam4j.report.run;
