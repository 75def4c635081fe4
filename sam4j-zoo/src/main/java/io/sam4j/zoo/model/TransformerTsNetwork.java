package io.sam4j.zoo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Transformer encoder classifier for fixed-length signals {@code (B, C, L)}.
 *
 * <ol>
 *   <li>Patch embedding: the signal is zero-padded to a multiple of the patch length P, cut into
 *       {@code T = ceil(L / P)} patches of {@code C × P} samples and each patch mapped linearly to
 *       width d (P = 1 is a per-sample linear embedding; larger patches as in Nie et al. 2023,
 *       "A Time Series is Worth 64 Words");</li>
 *   <li>fixed sinusoidal positional encoding (Vaswani et al. 2017, Sec. 3.5) added, then dropout;</li>
 *   <li>N pre-norm {@link TransformerEncoderLayer}s, a final layer norm;</li>
 *   <li>the mean over tokens, then a linear classifier.</li>
 * </ol>
 * Output logits {@code (B, classes)}.
 */
final class TransformerTsNetwork extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Map<Long, float[]> ENCODINGS = new ConcurrentHashMap<>();

    private final int patch;
    private final int width;
    private final float dropout;
    private final Block embedding;
    private final List<Block> layers = new ArrayList<>();
    private final Block finalNorm;
    private final Block classifier;

    TransformerTsNetwork(int patch, int width, int depth, int heads, int feedForward, int classes, float dropout) {
        super(VERSION);
        this.patch = patch;
        this.width = width;
        this.dropout = dropout;
        embedding = addChildBlock("patch_embedding", Layers.linear(width));
        for (int i = 0; i < depth; i++) {
            layers.add(addChildBlock(
                    "encoder" + (i + 1), new TransformerEncoderLayer(width, heads, feedForward, dropout)));
        }
        finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(2).build());
        classifier = addChildBlock("classifier", Layers.linear(classes));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray patches = patches(inputs.singletonOrThrow());
        NDArray tokens =
                embedding.forward(store, new NDList(patches), training, params).head();
        long count = tokens.getShape().get(1);
        NDArray position = tokens.getManager().create(encoding(count), new Shape(count, width));
        NDArray x = tokens.add(position);
        if (dropout > 0f) {
            x = Dropout.dropout(x, dropout, training).head();
        }
        for (Block layer : layers) {
            x = layer.forward(store, new NDList(x), training, params).head();
        }
        NDArray normalized =
                finalNorm.forward(store, new NDList(x), training, params).head();
        return classifier.forward(store, new NDList(normalized.mean(new int[] {1})), training, params);
    }

    /** (B, C, L) to (B, T, C·P), zero-padding L up to T·P. */
    private NDArray patches(NDArray signal) {
        Shape s = signal.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long length = s.get(2);
        long tokens = (length + patch - 1) / patch;
        long padded = tokens * patch;
        if (padded > length) {
            NDArray zeros = signal.getManager().zeros(new Shape(batch, channels, padded - length));
            signal = NDArrays.concat(new NDList(signal, zeros), 2);
        }
        return signal.reshape(batch, channels, tokens, patch)
                .transpose(0, 2, 1, 3)
                .reshape(batch, tokens, channels * patch);
    }

    /** PE[t][2i] = sin(t / 10000^(2i/d)), PE[t][2i+1] = cos(t / 10000^(2i/d)). */
    private float[] encoding(long tokens) {
        return ENCODINGS.computeIfAbsent(tokens * 100_003L + width, key -> {
            float[] pe = new float[(int) tokens * width];
            for (int t = 0; t < tokens; t++) {
                for (int i = 0; i < width; i += 2) {
                    double angle = t / Math.pow(10_000, (double) i / width);
                    pe[t * width + i] = (float) Math.sin(angle);
                    if (i + 1 < width) {
                        pe[t * width + i + 1] = (float) Math.cos(angle);
                    }
                }
            }
            return pe;
        });
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long tokens = (s.get(2) + patch - 1) / patch;
        embedding.initialize(manager, dataType, new Shape(1, tokens, s.get(1) * patch));
        Shape hidden = new Shape(1, tokens, width);
        for (Block layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        finalNorm.initialize(manager, dataType, hidden);
        classifier.initialize(manager, dataType, new Shape(1, width));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return classifier.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), width)});
    }
}
