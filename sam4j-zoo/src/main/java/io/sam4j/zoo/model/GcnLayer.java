package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * One graph convolution of Kipf &amp; Welling (2017, "Semi-Supervised Classification with Graph
 * Convolutional Networks", eq. 2): {@code H' = Â H W + b}, with {@code Â} the normalized adjacency with
 * self-loops of {@link GraphOps#normalizedAdjacency}. The bias is added after propagation, as in the
 * authors' code; {@code W} is Glorot-uniform initialized as there.
 *
 * <p>Inputs: node states {@code (N, in)} and {@code Â} {@code (N, N)} (sparse); output {@code (N, units)}.
 * The activation is left to the caller.
 */
final class GcnLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int units;
    private final Parameter weight;
    private final Parameter bias;

    /** @param units the output width */
    GcnLayer(int units) {
        super(VERSION);
        if (units < 1) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        this.units = units;
        // Glorot uniform: U(-a, a), a = sqrt(6 / (in + out)) = sqrt(3 / avg(in, out)).
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3))
                .build());
        bias = addParameter(
                Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray states = inputs.get(0);
        NDArray adjacency = inputs.get(1);
        NDArray w = store.getValue(weight, states.getDevice(), training);
        NDArray b = store.getValue(bias, states.getDevice(), training);
        // (Â H) W = Â (H W): transform first, since the layer usually narrows or keeps the width.
        NDArray transformed = states.matMul(w.transpose());
        NDArray propagated = adjacency.matMul(transformed);
        transformed.close();
        return new NDList(propagated.add(b));
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape states = inputShapes[0];
        // (out, in) as DJL's Linear stores it, so fan-in and fan-out are read the same way.
        weight.setShape(new Shape(units, states.get(states.dimension() - 1)));
        bias.setShape(new Shape(units));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }
}
