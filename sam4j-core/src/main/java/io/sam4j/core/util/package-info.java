/**
 * Small, dependency-free helpers shared across sam4j: argument checks with informative messages,
 * "did you mean" suggestions for misspelt names, crash-safe file writes and SHA-256 digests.
 */
package io.sam4j.core.util;
