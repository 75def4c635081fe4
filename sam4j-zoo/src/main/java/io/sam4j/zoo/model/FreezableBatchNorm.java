package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BatchNorm over axis 1 (Ioffe &amp; Szegedy 2015) that can be frozen for fine-tuning.
 *
 * <p>Unfrozen it is DJL's {@link BatchNorm} with PyTorch's defaults (epsilon 1e-5, running averages
 * with momentum 0.9, i.e. PyTorch's 0.1): batch statistics in training, running statistics in
 * inference, with the same parameter names ({@code gamma}, {@code beta}, {@code runningMean},
 * {@code runningVar}). Frozen, it normalizes with the running statistics in training too and never
 * updates them, as PyTorch's {@code BatchNorm2d.eval()} does; gamma and beta are still trained.
 * That is how the SAM paper's fine-tuning treats BatchNorm. DJL's own class cannot be subclassed
 * (its constructor is package-private), hence this block.
 */
public final class FreezableBatchNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;
    private static final float MOMENTUM = 0.9f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels;
    private boolean frozen;

    /** Creates an unfrozen BatchNorm. */
    public FreezableBatchNorm() {
        super(VERSION);
        gamma = addParameter(parameter("gamma", Parameter.Type.GAMMA, true));
        beta = addParameter(parameter("beta", Parameter.Type.BETA, true));
        runningMean = addParameter(parameter("runningMean", Parameter.Type.RUNNING_MEAN, false));
        runningVar = addParameter(parameter("runningVar", Parameter.Type.RUNNING_VAR, false));
    }

    private static Parameter parameter(String name, Parameter.Type type, boolean trained) {
        return Parameter.builder().setName(name).setType(type).optRequiresGrad(trained).build();
    }

    /**
     * Freezes every {@link FreezableBatchNorm} in a block tree.
     *
     * @param root the model
     * @return how many were frozen
     */
    public static int freezeAll(Block root) {
        int count = 0;
        if (root instanceof FreezableBatchNorm norm) {
            norm.frozen = true;
            count++;
        }
        for (Block child : root.getChildren().values()) {
            count += freezeAll(child);
        }
        return count;
    }

    /** Returns whether the running statistics are fixed. */
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray mean = parameterStore.getValue(runningMean, input.getDevice(), training);
        NDArray var = parameterStore.getValue(runningVar, input.getDevice(), training);
        NDArray scale = parameterStore.getValue(gamma, input.getDevice(), training);
        NDArray shift = parameterStore.getValue(beta, input.getDevice(), training);
        boolean batchStatistics = training && !frozen;
        if (!batchStatistics && input.hasGradient()) {
            return new NDList(affine(input, mean, var, scale, shift));
        }
        return BatchNorm.batchNorm(input, mean, var, scale, shift, 1, MOMENTUM, EPSILON, batchStatistics);
    }

    /**
     * Running-statistics BatchNorm as the per-channel affine map it is, y = x·s + t with s = γ/√(var+ε)
     * and t = β − mean·s. Used when something differentiates through it (Hessian-vector products,
     * sharpness, frozen fine-tuning): PyTorch's batch_norm kernel has a costly generic double backward
     * even with fixed statistics, while this form's is two elementwise products. Without gradients the
     * fused kernel stays in use.
     */
    private static NDArray affine(NDArray input, NDArray mean, NDArray var, NDArray gamma, NDArray beta) {
        long[] dims = new long[input.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[1] = input.getShape().get(1);
        ai.djl.ndarray.types.Shape channelShape = new ai.djl.ndarray.types.Shape(dims);
        NDArray s = gamma.div(var.add(EPSILON).sqrt());
        NDArray t = beta.sub(mean.mul(s));
        return input.mul(s.reshape(channelShape)).add(t.reshape(channelShape));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape shape = new Shape(channels);
        gamma.setShape(shape);
        beta.setShape(shape);
        runningMean.setShape(shape);
        runningVar.setShape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
