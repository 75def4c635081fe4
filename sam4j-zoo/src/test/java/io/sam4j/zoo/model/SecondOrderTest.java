package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.sam4j.zoo.graph.Graph;
import io.sam4j.zoo.graph.GraphBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hessian-vector products (double backward) work through the sparse graph operators and through
 * attention: {@code H v} from autograd equals the central difference of gradients
 * {@code (g(w + εv) − g(w − εv)) / 2ε}.
 */
class SecondOrderTest {

    /** Small enough that a step along v rarely crosses a ReLU kink of the GCN. */
    private static final float EPSILON = 1e-3f;

    @Test
    void gcnHessianVectorProductMatchesFiniteDifferences() {
        List<Graph> graphs = List.of(
                Graph.of(3, 2, new float[] {1, 0, 0, 1, 1, 1}, new int[] {0, 1, 1, 2}, new int[] {1, 0, 2, 1}, 0),
                Graph.of(2, 2, new float[] {0, 1, 1, 0}, new int[] {0, 1}, new int[] {1, 0}, 1));
        check("gcn-small", new Shape(2), m -> GraphBatch.of(graphs).inputs(m), new int[] {0, 1});
    }

    @Test
    void transformerHessianVectorProductMatchesFiniteDifferences() {
        check(
                "transformer-ts-tiny",
                new Shape(1, 22),
                m -> {
                    NDArray x = m.arange(0f, 66f).reshape(3, 1, 22).div(66f).sin();
                    return new NDList(x);
                },
                new int[] {0, 1, 2});
    }

    private static void check(String model, Shape example, Function<NDManager, NDList> inputs, int[] labels) {
        ModelCatalog catalog = ModelCatalog.standard();
        ModelSpec spec = catalog.resolve(model);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = catalog.build(spec, example, 3, ModelOptions.DEFAULTS);
            Engine.getInstance().setRandomSeed(9);
            block.initialize(manager, DataType.FLOAT32, spec.family().initializationShapes(example));
            List<NDArray> weights = new ArrayList<>();
            for (Parameter p : block.getParameters().values()) {
                weights.add(p.getArray());
            }
            List<NDArray> direction = new ArrayList<>();
            double squares = 0;
            for (NDArray w : weights) {
                NDArray d = manager.randomNormal(w.getShape());
                squares += d.pow(2).sum().getFloat();
                direction.add(d);
            }
            // A unit direction, so that ε is the length of the finite-difference step.
            for (NDArray d : direction) {
                d.divi((float) Math.sqrt(squares));
            }
            float[] hv;
            zeroGradients(weights);
            try (NDManager scope = manager.newSubManager();
                    GradientCollector ignored = Engine.getInstance().newGradientCollector()) {
                NDArray loss = loss(block, scope, inputs, labels);
                JniUtils.backward((PtNDArray) loss, (PtNDArray) scope.ones(new Shape()), true, true);
                NDArray dot = null;
                for (int i = 0; i < weights.size(); i++) {
                    NDArray term =
                            weights.get(i).getGradient().mul(direction.get(i)).sum();
                    dot = dot == null ? term : dot.add(term);
                }
                zeroGradients(weights);
                JniUtils.backward((PtNDArray) dot, (PtNDArray) scope.ones(new Shape()), false, false);
                hv = flatGradient(weights);
            }
            float[] plus = shiftedGradient(block, manager, inputs, labels, weights, direction, EPSILON);
            float[] minus = shiftedGradient(block, manager, inputs, labels, weights, direction, -EPSILON);
            double error = 0;
            double norm = 0;
            for (int i = 0; i < hv.length; i++) {
                double fd = (plus[i] - minus[i]) / (2 * EPSILON);
                error += (hv[i] - fd) * (hv[i] - fd);
                norm += fd * fd;
            }
            assertThat(norm).as(model + ": the Hessian is not zero along v").isGreaterThan(1e-6);
            assertThat(Math.sqrt(error / norm))
                    .as(model + ": relative error of H v")
                    .isLessThan(0.02);
        }
    }

    private static NDArray loss(Block block, NDManager scope, Function<NDManager, NDList> inputs, int[] labels) {
        NDList out = block.forward(new ParameterStore(scope, false), inputs.apply(scope), true);
        return Loss.softmaxCrossEntropyLoss().evaluate(new NDList(scope.create(labels)), out);
    }

    private static float[] shiftedGradient(
            Block block,
            NDManager manager,
            Function<NDManager, NDList> inputs,
            int[] labels,
            List<NDArray> weights,
            List<NDArray> direction,
            float step) {
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).addi(direction.get(i).mul(step));
        }
        zeroGradients(weights);
        float[] g;
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss(block, scope, inputs, labels));
            g = flatGradient(weights);
        }
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).subi(direction.get(i).mul(step));
        }
        return g;
    }

    /** Gradients accumulate in PyTorch; every pass here starts from zero. */
    private static void zeroGradients(List<NDArray> weights) {
        for (NDArray w : weights) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    private static float[] flatGradient(List<NDArray> weights) {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (NDArray w : weights) {
            float[] g = w.getGradient().toFloatArray();
            parts.add(g);
            total += g.length;
        }
        float[] flat = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, flat, at, p.length);
            at += p.length;
        }
        return flat;
    }
}
