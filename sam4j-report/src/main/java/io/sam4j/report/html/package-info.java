/**
 * The self-contained HTML report: inline CSS, plotly.js inlined from npm, figures described as JSON and
 * drawn at view time, every user string escaped.
 */
package io.sam4j.report.html;
