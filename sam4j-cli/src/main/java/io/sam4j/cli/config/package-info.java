/**
 * The SAM paper's presets ({@code presets.yaml}, read into settings through their declarations) and the
 * JSON mapper of run files. Settings themselves are declared and resolved in {@code io.sam4j.cli.spec}.
 */
package io.sam4j.cli.config;
