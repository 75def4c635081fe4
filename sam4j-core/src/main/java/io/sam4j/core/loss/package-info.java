/** Losses for classification, as DJL {@link ai.djl.training.loss.Loss}es. */
package io.sam4j.core.loss;
