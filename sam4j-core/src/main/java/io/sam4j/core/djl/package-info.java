/**
 * The SAM family inside DJL's own training API: {@link io.sam4j.core.djl.SamTrain} replaces {@link
 * ai.djl.training.EasyTrain} for a {@link ai.djl.training.Trainer}, keeping its {@code Model},
 * {@code TrainingConfig}, optimizer, datasets, evaluators, listeners and {@code Model.save}. Each
 * batch runs the core step of a method of {@link io.sam4j.core.sam.SamMethods} (SAM, Foret et al.,
 * ICLR 2021, and its variants), whose descent gradient the trainer's optimizer applies in {@code
 * trainer.step()}.
 */
package io.sam4j.core.djl;
