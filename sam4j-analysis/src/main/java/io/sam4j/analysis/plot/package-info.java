/**
 * Figures of loss landscapes: PNG line plots (XChart) and PNG filled contour maps with log-spaced levels
 * (drawn with Java2D, since XChart has no contour chart). The interactive HTML page of a landscape is
 * presentation and lives in the report ({@code io.sam4j.report.html.LandscapePage}), which analysis does
 * not depend on.
 */
package io.sam4j.analysis.plot;
