package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link Conv2d} that computes the same function while steering clear of two defects of the
 * oneDNN 3.7.1 inside libtorch 2.7.1 (DJL 0.35.1's engine), both seen on AMD EPYC CPUs with
 * AVX512-BF16 and VP2INTERSECT (the machines this project runs on):
 *
 * <ol>
 *   <li><b>A strided 1x1 convolution's backward-data pass kills the JVM</b> with SIGFPE (integer
 *       division by zero) in
 *       <pre>
 *   dnnl::impl::cpu::x64::brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1()
 *   &larr; brgemm_convolution_bwd_strided_t::pd_t::init &larr; mkldnn_convolution_backward</pre>
 *       It depends on the channels, not on batch or size: 512&rarr;1024, 1024&rarr;2048, 256&rarr;1024,
 *       1024&rarr;512 at stride 2 abort, 64&rarr;128, 256&rarr;512, 1024&rarr;1024 run. ResNet-50/101/152's
 *       downsampling shortcuts hit it. Here such a convolution is computed as a stride-1 1x1
 *       convolution of the input subsampled at every s-th row and column, {@code conv(x, stride s) =
 *       conv(x[:, :, ::s, ::s])}: a 1x1 kernel without padding reads exactly the pixels the stride
 *       lands on, and the strided backward primitive is never built.
 *   <li><b>A k x k convolution (k &gt; 1, one group) silently computes wrong values</b>: the
 *       output when its input channels exceed 16 and are not a multiple of 16, the input gradient
 *       (at stride 1) when its output channels are not a multiple of 16, e.g. 17&rarr;18, 24&rarr;40,
 *       8&rarr;8, 16&rarr;12; errors of order 1 against a double-precision recomputation.
 *       Depthwise and 1x1 convolutions and weight gradients are right. The wrong
 *       values show up as NaN losses in PyramidNet, whose widths grow by non-multiples of 16.
 *       Limiting oneDNN's ISA ({@code ONEDNN_MAX_CPU_ISA=AVX2}) only moves the bad channel counts.
 *       Here the channels are padded with zeros to the next multiple of 16 (zero input channels
 *       with zero weights, zero weights for the extra outputs, which are sliced off), so the kernel
 *       only ever sees whole channel blocks; the sums differ from the unpadded ones only by added
 *       zeros.
 * </ol>
 *
 * DJL exposes no switch for libtorch's {@code setUserEnabledMkldnn}, which would avoid both at the
 * cost of every convolution. Layers whose channels are whole blocks take {@link Conv2d}'s own path,
 * so they are unchanged bitwise. The class stays a {@link Conv2d} (same weight parameter, stride,
 * metadata and output shapes): parameter names, checkpoints and the exchange with torchvision's
 * state dicts are unchanged. {@code OneDnnSafeConv2dTest} checks values and gradients against a
 * double-precision recomputation; {@code ModelStepTest} runs a step of every zoo family.
 */
final class OneDnnSafeConv2d extends Conv2d {

    /** oneDNN's channel block on AVX-512 (the block the defective kernels get wrong when partial). */
    static final int CHANNEL_BLOCK = 16;

    OneDnnSafeConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = includeBias ? parameterStore.getValue(bias, input.getDevice(), training) : null;
        if (isStridedPointwise()) {
            try (NDArray subsampled = input.get(":, :, ::" + stride.get(0) + ", ::" + stride.get(1))) {
                return Conv2d.conv2d(subsampled, w, b, new Shape(1, 1), padding, dilation, groups);
            }
        }
        long in = input.getShape().get(1);
        long padIn = inputChannelPadding(in);
        long padOut = outputChannelPadding(filters);
        if (groups != 1 || kernelShape.size() == 1 || (padIn == 0 && padOut == 0)) {
            return Conv2d.conv2d(input, w, b, stride, padding, dilation, groups);
        }
        // Weights (out, in, kh, kw): torch's pad order is kw, kh, in, out.
        NDArray paddedWeight = w.pad(new Shape(0, 0, 0, 0, 0, padIn, 0, padOut), 0);
        NDArray paddedInput = padIn == 0 ? input : input.pad(new Shape(0, 0, 0, 0, 0, padIn), 0);
        NDArray paddedBias = b == null || padOut == 0 ? b : b.pad(new Shape(0, padOut), 0);
        NDArray out = Conv2d.conv2d(paddedInput, paddedWeight, paddedBias, stride, padding, dilation, groups)
                .singletonOrThrow();
        paddedWeight.close();
        if (paddedInput != input) {
            paddedInput.close();
        }
        if (paddedBias != b) {
            paddedBias.close();
        }
        if (padOut == 0) {
            return new NDList(out);
        }
        NDArray sliced = out.get(":, 0:" + filters);
        out.close();
        return new NDList(sliced);
    }

    private boolean isStridedPointwise() {
        return kernelShape.size() == 1 && padding.size() == 0 && (stride.get(0) > 1 || stride.get(1) > 1);
    }

    /**
     * Zero input channels that complete the last block: the forward pass is wrong from 17 input
     * channels on (fewer, as an image's 1 or 3, take another kernel, which is right and which
     * padding would make several times dearer).
     */
    static long inputChannelPadding(long channels) {
        return channels > CHANNEL_BLOCK ? toWholeBlocks(channels) : 0;
    }

    /** Zero output channels that complete the last block: the input gradient is wrong for any count. */
    static long outputChannelPadding(long channels) {
        return toWholeBlocks(channels);
    }

    private static long toWholeBlocks(long channels) {
        long partial = channels % CHANNEL_BLOCK;
        return partial == 0 ? 0 : CHANNEL_BLOCK - partial;
    }
}
