/**
 * Figures and reports: self-contained HTML pages with plotly.js inlined (no network at view time) and PNG
 * figures for papers. The report reads run directories through core's run format ({@code
 * io.sam4j.core.run}) and imports no engine, model or analysis code.
 */
package io.sam4j.report;
