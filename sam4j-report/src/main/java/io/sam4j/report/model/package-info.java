/**
 * The report's model: runs grouped by configuration (seeds pooled), the results table's columns with
 * their 95% intervals, and each SAM/ASAM group's comparison with its SGD/Adam baseline.
 */
package io.sam4j.report.model;
