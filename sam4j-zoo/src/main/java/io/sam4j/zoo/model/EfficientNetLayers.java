package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The pieces EfficientNet (Tan &amp; Le 2019) is made of, named as torchvision's {@code
 * Conv2dNormActivation} ({@code 0} convolution, {@code 1} BatchNorm, {@code 2} activation) so that
 * exported parameters carry torchvision's state-dict keys.
 */
final class EfficientNetLayers {

    private EfficientNetLayers() {}

    /** SiLU / swish, x·σ(x) (Ramachandran et al. 2017; Elfwing et al. 2018). */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /**
     * Convolution without bias, BatchNorm, then SiLU if {@code activate}: torchvision's {@code
     * Conv2dNormActivation}. {@code groups} = channels makes it depthwise. Padding is symmetric,
     * (kernel - 1) / 2, as in torchvision, or TensorFlow's "SAME" ({@link Conv2dSame}) if {@code
     * tfSame}.
     */
    static NamedSequentialBlock convNormActivation(
            int filters,
            int kernel,
            int stride,
            int groups,
            Supplier<FreezableBatchNorm> norm,
            boolean activate,
            boolean tfSame) {
        Conv2d.Builder builder = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optGroups(groups)
                .optBias(false);
        Conv2d conv = tfSame
                ? new Conv2dSame(builder)
                : builder.optPadding(new Shape((kernel - 1) / 2, (kernel - 1) / 2))
                        .build();
        conv.setInitializer(Layers.HE_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
        NamedSequentialBlock block = new NamedSequentialBlock().add("0", conv).add("1", norm.get());
        return activate ? block.add("2", new Silu()) : block;
    }

    /** A 1x1 convolution with bias, as the squeeze-and-excitation layers use. */
    static Conv2d pointwiseWithBias(int filters) {
        Conv2d conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(1, 1))
                .optBias(true)
                .build();
        conv.setInitializer(Layers.HE_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * Stochastic depth in torchvision's "row" mode: each example's branch is kept with probability
     * 1 - p and then scaled by 1 / (1 - p), or zeroed. The mask comes from the engine's random
     * generator, which the training step seeds before each pass, so SAM's ascent and descent passes
     * drop the same branches. Identity in inference or for p = 0.
     */
    static NDArray stochasticDepth(NDArray branch, float p, boolean training) {
        if (!training || p == 0f) {
            return branch;
        }
        NDManager manager = branch.getManager();
        long[] perExample = new long[branch.getShape().dimension()];
        Arrays.fill(perExample, 1);
        perExample[0] = branch.getShape().get(0);
        NDArray keep = manager.randomUniform(0f, 1f, new Shape(perExample), DataType.FLOAT32, branch.getDevice())
                .gte(p)
                .toType(DataType.FLOAT32, false)
                .divi(1f - p);
        return branch.mul(keep);
    }
}
