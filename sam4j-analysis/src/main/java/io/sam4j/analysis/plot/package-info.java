/**
 * Figures of loss landscapes: PNG line plots (XChart), PNG filled contour maps with log-spaced levels
 * (drawn with Java2D, since XChart has no contour chart), and self-contained HTML pages with an
 * interactive plotly.js surface that work offline.
 */
package io.sam4j.analysis.plot;
