/**
 * Figures and reports: self-contained HTML pages with plotly.js inlined (no network at view time) and PNG
 * figures for papers.
 */
package io.sam4j.report;
