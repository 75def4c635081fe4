/** The report's main figures as PNG files for papers, drawn with XChart. */
package io.sam4j.report.png;
