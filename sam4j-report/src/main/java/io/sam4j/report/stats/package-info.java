/**
 * The statistics of a report: Student-t quantiles, means with 95% confidence intervals over seeds, and
 * Welch intervals for the difference of two groups' means.
 */
package io.sam4j.report.stats;
