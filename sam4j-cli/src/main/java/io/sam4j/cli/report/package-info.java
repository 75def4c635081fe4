/** Writing the HTML report of a set of runs, shared by {@code sam4j report} and {@code sam4j demo}. */
package io.sam4j.cli.report;
