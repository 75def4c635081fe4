package io.sam4j.zoo.augment;

import java.util.List;
import java.util.Random;

/**
 * Applies augmentations in order, each drawing from the same {@link Random}; each stage gets the shape
 * the previous one produced.
 */
public final class AugmentationPipeline implements Augmentation {

    private final List<Augmentation> stages;

    /** @param stages the augmentations, applied first to last */
    public AugmentationPipeline(List<Augmentation> stages) {
        this.stages = List.copyOf(stages);
    }

    /** @return a pipeline of the given stages */
    public static AugmentationPipeline of(Augmentation... stages) {
        return new AugmentationPipeline(List.of(stages));
    }

    /** @return the stages, first to last */
    public List<Augmentation> stages() {
        return stages;
    }

    @Override
    public float[] apply(float[] chw, int c, int h, int w, Random rng) {
        float[] out = chw;
        int[] shape = {c, h, w};
        for (Augmentation stage : stages) {
            int[] next = stage.outputShape(shape[0], shape[1], shape[2]);
            out = stage.apply(out, shape[0], shape[1], shape[2], rng);
            shape = next;
        }
        return out;
    }

    @Override
    public int[] outputShape(int c, int h, int w) {
        int[] shape = {c, h, w};
        for (Augmentation stage : stages) {
            shape = stage.outputShape(shape[0], shape[1], shape[2]);
        }
        return shape;
    }

    @Override
    public String toString() {
        return "AugmentationPipeline" + stages;
    }
}
