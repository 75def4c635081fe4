package io.sam4j.zoo.graph;

import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.util.Checks;
import io.sam4j.zoo.data.EpochOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Feeds a {@link GraphDataset} to the training loop as {@link GraphBatch}es: in a fixed order, or
 * shuffled each epoch with a seed from the run's {@link Seeds.Stream#SHUFFLE} stream. The last batch
 * may be smaller.
 */
public final class GraphBatches implements BatchSource {

    private final GraphDataset data;
    private final int batchSize;
    private final boolean shuffle;

    /**
     * @param data the graphs
     * @param batchSize graphs per batch
     * @param shuffle whether to reorder the graphs every epoch
     */
    public GraphBatches(GraphDataset data, int batchSize, boolean shuffle) {
        Checks.checkArgument(data.size() > 0, "dataset %s has no graphs", data.name());
        this.data = data;
        this.batchSize = Checks.checkPositive("batchSize", batchSize);
        this.shuffle = shuffle;
    }

    @Override
    public Stream open(int epoch, Seeds seeds) {
        int[] order = EpochOrder.of(data.size(), shuffle, seeds.of(Seeds.Stream.SHUFFLE, epoch));
        return new Stream() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                List<Graph> graphs = new ArrayList<>(end - next);
                for (int i = next; i < end; i++) {
                    graphs.add(data.graphs().get(order[i]));
                }
                next = end;
                return GraphBatch.of(graphs);
            }

            @Override
            public void close() {
                // Nothing held: graphs live on the heap.
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    @Override
    public int examples() {
        return data.size();
    }
}
