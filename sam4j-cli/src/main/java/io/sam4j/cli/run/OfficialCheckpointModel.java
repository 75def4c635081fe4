package io.sam4j.cli.run;

import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Settings;
import io.sam4j.zoo.model.ModelCatalog;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Picks the network that an official SAM checkpoint computes. The official EfficientNet
 * (google-research/sam, {@code sam_jax/efficientnet/efficientnet.py}) convolves with {@code
 * padding='SAME'}, TensorFlow's rule, asymmetric at stride 2, and normalizes with BatchNorm epsilon
 * 1e-3; its weights in torchvision's symmetric padding give another function (the logits of B0 move
 * by about a third). So a new run whose {@code --init-from} is a Flax checkpoint and whose model is
 * {@code efficientnet-*} trains {@code tf-efficientnet-*} instead, with a one-line note, and records
 * that model in its {@code config.json}.
 */
public final class OfficialCheckpointModel {

    private OfficialCheckpointModel() {}

    /**
     * Returns the spec to train.
     *
     * @param spec a resolved new run
     * @param note receives one line when the model is changed
     * @return {@code spec}, or {@code spec} with the model replaced by its TensorFlow-padded form
     */
    public static RunSpec select(RunSpec spec, Consumer<String> note) {
        Path source = spec.model().initFrom();
        if (source == null || !InitFrom.isFlax(source)) {
            return spec;
        }
        Optional<String> tf = ModelCatalog.tensorFlowPaddedForm(spec.model().name());
        if (tf.isEmpty()) {
            return spec;
        }
        note.accept("--init-from " + source + " is a Flax checkpoint of the official SAM code, whose convolutions"
                + " pad as TensorFlow's 'SAME': training " + tf.get() + " (that padding, BatchNorm eps 1e-3, the"
                + " same parameter names) instead of " + spec.model().name());
        return RunSpec.of(
                spec.values().with(Settings.MODEL, tf.get(), spec.values().origin(Settings.MODEL)), spec.preset());
    }
}
