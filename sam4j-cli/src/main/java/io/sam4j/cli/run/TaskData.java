package io.sam4j.cli.run;

import ai.djl.ndarray.types.Shape;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import java.util.List;
import java.util.Map;

/**
 * The data of a run, whatever its kind (images, signals, graphs): what the model is built for, the
 * batches that training and evaluation read, and the facts that go into the run's provenance.
 *
 * <p>Training, evaluation and the analysis commands only see this interface, so a new kind of data
 * plugs in by implementing it and being chosen in {@link TaskDataFactory}.
 */
public interface TaskData {

    /** Returns the dataset's name as given to {@code --dataset}. */
    String name();

    /** Returns the shape of one example as the model sees it, e.g. {@code (1, 28, 28)}. */
    Shape exampleShape();

    /** Returns the number of classes. */
    int numClasses();

    /**
     * Returns the input shapes to initialize a model with: by default one batch of one example. Data
     * whose models take several inputs (a graph's features and edges) override this.
     */
    default Shape[] initializationShapes() {
        long[] dims = new long[exampleShape().dimension() + 1];
        dims[0] = 1;
        System.arraycopy(exampleShape().getShape(), 0, dims, 1, exampleShape().dimension());
        return new Shape[] {new Shape(dims)};
    }

    /** Returns the training batches: shuffled per epoch and augmented as configured. */
    BatchSource train();

    /** Returns the whole training set in a fixed order, without augmentation (evaluation transform). */
    BatchSource trainForEvaluation();

    /** Returns the evaluation set: the test set, or the held-out part of the training set. */
    BatchSource test();

    /**
     * Returns a fixed, seeded subset of the training set without augmentation, as heap batches: the data
     * that analyses (Hessian, landscapes, sharpness) evaluate at many weights.
     *
     * @param examples how many examples (all of them if larger than the training set)
     * @param batchSize the batch size
     * @param seed selects the examples
     */
    List<Batch> trainSample(int examples, int batchSize, long seed);

    /**
     * Returns which examples {@link #trainSample} holds for the same {@code examples} and {@code seed}: their
     * positions, ascending, in the training set that {@link #train()} reads (after {@code --train-limit}),
     * so that an analysis can record its sample.
     */
    int[] trainSampleIndices(int examples, long seed);

    /** Returns whether some training labels were replaced on purpose ({@code --label-noise}). */
    default boolean noisyTrainLabels() {
        return false;
    }

    /** Returns facts about the data for the provenance record (sizes, classes, shapes, folder). */
    Map<String, Object> facts();

    /** Returns the SHA-256 of the dataset's files. */
    String sha256();
}
