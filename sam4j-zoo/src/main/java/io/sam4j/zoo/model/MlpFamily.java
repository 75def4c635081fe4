package io.sam4j.zoo.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * {@code mlp}: flatten, two ReLU hidden layers of 512 and 256 units, linear classifier.
 *
 * <p>A baseline without convolutions or BatchNorm, the simplest network to check an optimiser on;
 * the widths follow the classic MNIST multi-layer perceptrons (LeCun et al. 1998 use 300-100;
 * 512-256 gives a little more capacity for Fashion-MNIST at 0.54M parameters). Dropout, if set,
 * follows each hidden layer (Srivastava et al. 2014).
 */
final class MlpFamily extends SingleNameFamily {

    static final String NAME = "mlp";
    private static final int[] HIDDEN_UNITS = {512, 256};

    MlpFamily() {
        super(NAME);
    }

    @Override
    public Block build(ModelSpec spec, Shape inputShape, int classes, ModelOptions options) {
        NamedSequentialBlock net = new NamedSequentialBlock().add("flatten", Layers.flatten());
        for (int i = 0; i < HIDDEN_UNITS.length; i++) {
            int layer = i + 1;
            net.add("fc" + layer, Layers.linear(HIDDEN_UNITS[i]))
                    .add("relu" + layer, Layers.relu())
                    // Present even at rate 0 so that checkpoints load regardless of dropout.
                    .add("dropout" + layer, Layers.dropout(options.dropout()));
        }
        return net.add("classifier", Layers.linear(classes));
    }

    @Override
    public String description(ModelSpec spec) {
        return "multi-layer perceptron, hidden layers 512-256 with ReLU";
    }

    @Override
    public String citation() {
        return "Rumelhart, Hinton & Williams 1986, \"Learning representations by back-propagating"
                + " errors\", Nature 323";
    }
}
