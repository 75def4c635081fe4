/**
 * Checkpoints: model weights and state, optimizer state and progress in one self-checking file,
 * written atomically so that a crash never leaves a half-written checkpoint in place.
 */
package io.sam4j.core.checkpoint;
