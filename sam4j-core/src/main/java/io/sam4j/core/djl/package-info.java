/**
 * SAM inside DJL's own training API: {@link io.sam4j.core.djl.SamTrain} replaces {@link
 * ai.djl.training.EasyTrain} for a {@link ai.djl.training.Trainer}, keeping its {@code Model},
 * {@code TrainingConfig}, optimizer, datasets, evaluators, listeners and {@code Model.save}. The
 * ascent step is the core's {@link io.sam4j.core.sam.Perturbation} (SAM, Foret et al., ICLR 2021;
 * ASAM, Kwon et al., ICML 2021).
 */
package io.sam4j.core.djl;
