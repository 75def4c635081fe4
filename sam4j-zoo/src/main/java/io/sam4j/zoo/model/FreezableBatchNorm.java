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
import io.sam4j.core.train.TwiceDifferentiated;
import java.util.Arrays;

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
 *
 * <p>In inference through a {@link TwiceDifferentiated} store (Hessian-vector products) it computes
 * the same normalization as its affine map x·s + t with s = γ/√(var + ε), t = β − mean·s: the
 * fused operator's double backward costs more than the whole rest of a BatchNorm layer's share of
 * a product.
 */
public final class FreezableBatchNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;
    private static final float MOMENTUM = 0.9f;

    private final float epsilon;
    private final float momentum;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels;
    private boolean frozen;

    /** Creates an unfrozen BatchNorm with PyTorch's defaults, epsilon 1e-5 and momentum 0.1. */
    public FreezableBatchNorm() {
        this(EPSILON, MOMENTUM);
    }

    /**
     * Creates an unfrozen BatchNorm with other constants, e.g. those of networks ported from
     * TensorFlow (epsilon 1e-3, PyTorch momentum 0.01).
     *
     * @param epsilon added to the variance, &gt; 0
     * @param momentum DJL's momentum, the weight of the old running average: {@code running =
     *     momentum * running + (1 - momentum) * batch}; PyTorch's momentum is {@code 1 - momentum}
     */
    public FreezableBatchNorm(float epsilon, float momentum) {
        super(VERSION);
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("BatchNorm epsilon must be > 0, got " + epsilon);
        }
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1), got " + momentum);
        }
        this.epsilon = epsilon;
        this.momentum = momentum;
        gamma = addParameter(parameter("gamma", Parameter.Type.GAMMA, true));
        beta = addParameter(parameter("beta", Parameter.Type.BETA, true));
        runningMean = addParameter(parameter("runningMean", Parameter.Type.RUNNING_MEAN, false));
        runningVar = addParameter(parameter("runningVar", Parameter.Type.RUNNING_VAR, false));
    }

    private static Parameter parameter(String name, Parameter.Type type, boolean trained) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optRequiresGrad(trained)
                .build();
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

    /** Returns the constant added to the variance. */
    public float epsilon() {
        return epsilon;
    }

    /** Returns whether the running statistics are fixed. */
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!training && parameterStore instanceof TwiceDifferentiated) {
            return new NDList(affine(parameterStore, input));
        }
        return BatchNorm.batchNorm(
                input,
                parameterStore.getValue(runningMean, input.getDevice(), training),
                parameterStore.getValue(runningVar, input.getDevice(), training),
                parameterStore.getValue(gamma, input.getDevice(), training),
                parameterStore.getValue(beta, input.getDevice(), training),
                1,
                momentum,
                epsilon,
                training && !frozen);
    }

    private NDArray affine(ParameterStore store, NDArray input) {
        NDArray mean = store.getValue(runningMean, input.getDevice(), false);
        NDArray var = store.getValue(runningVar, input.getDevice(), false);
        NDArray scale = store.getValue(gamma, input.getDevice(), false)
                .div(var.add(epsilon).sqrt());
        NDArray shift = store.getValue(beta, input.getDevice(), false).sub(mean.mul(scale));
        long[] perChannel = new long[input.getShape().dimension()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = input.getShape().get(1);
        Shape shape = new Shape(perChannel);
        return input.mul(scale.reshape(shape)).add(shift.reshape(shape));
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
