/**
 * The report as text: number formatting, the headline that answers "did SAM help, by how much, and is
 * the minimum flatter?", and the Markdown results table.
 */
package io.sam4j.report.text;
