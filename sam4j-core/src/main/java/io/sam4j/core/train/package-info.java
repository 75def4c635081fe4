/**
 * Training: the {@link io.sam4j.core.train.TrainingStep} contract (one optimizer update from one
 * batch), the plain {@link io.sam4j.core.train.BaseStep}, the epoch loop {@link
 * io.sam4j.core.train.TrainingLoop} and the listeners that logging and checkpointing hang off.
 */
package io.sam4j.core.train;
