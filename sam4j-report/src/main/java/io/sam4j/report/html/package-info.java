/**
 * Self-contained HTML: the report (inline CSS, plotly.js inlined from npm, figures described as JSON and
 * drawn at view time, every user string escaped) and the interactive page of one loss landscape.
 */
package io.sam4j.report.html;
