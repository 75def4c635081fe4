package io.sam4j.zoo.data;

import io.sam4j.zoo.augment.Augmentation;
import io.sam4j.zoo.augment.BatchAugmentation;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batches of one epoch, prepared ahead on a small pool of daemon threads. Created by
 * {@link DataLoader#epoch(long)}; see there for the determinism guarantees. Not thread-safe: consume it
 * from one thread.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {

    private static final AtomicInteger POOL_COUNT = new AtomicInteger();
    /** Spreads consecutive positions over the seed space before SplittableRandom mixes them. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final ImageDataset dataset;
    private final int[] order;
    private final int batchSize;
    private final int numBatches;
    private final Augmentation transform;
    private final BatchAugmentation batchTransform;
    private final int[] outShape;
    private final long epochSeed;
    private final int prefetch;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private int submitted;
    private int delivered;
    private boolean closed;

    BatchIterator(
            ImageDataset dataset,
            int batchSize,
            boolean shuffle,
            Augmentation transform,
            BatchAugmentation batchTransform,
            boolean dropLast,
            int workers,
            int prefetch,
            long epochSeed) {
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.transform = transform;
        this.batchTransform = batchTransform;
        this.outShape = transform == null
                ? new int[] {dataset.channels(), dataset.height(), dataset.width()}
                : transform.outputShape(dataset.channels(), dataset.height(), dataset.width());
        this.epochSeed = epochSeed;
        this.prefetch = prefetch;
        this.order = EpochOrder.of(dataset.size(), shuffle, epochSeed);
        int n = dataset.size();
        this.numBatches = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        this.pool = workers == 0 || numBatches == 0 ? null : Executors.newFixedThreadPool(workers, daemonThreads());
        fillQueue();
    }

    private static ThreadFactory daemonThreads() {
        int poolId = POOL_COUNT.incrementAndGet();
        AtomicInteger threadCount = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "sam4j-data-" + poolId + "-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the number of batches this epoch yields in total */
    public int numBatches() {
        return numBatches;
    }

    @Override
    public boolean hasNext() {
        return !closed && delivered < numBatches;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(
                    closed && delivered < numBatches
                            ? "batch iterator is closed"
                            : "epoch has only " + numBatches + " batches");
        }
        Future<Batch> head = pending.poll();
        fillQueue();
        Batch batch = await(head);
        delivered++;
        if (delivered == numBatches) {
            close();
        }
        return batch;
    }

    private void fillQueue() {
        while (submitted < numBatches && pending.size() < prefetch) {
            int b = submitted++;
            if (pool == null) {
                // Without workers the task is run by await(), in the caller's thread, when it is needed.
                pending.add(new FutureTask<>(() -> buildBatch(b)));
            } else {
                pending.add(pool.submit(() -> buildBatch(b)));
            }
        }
    }

    private Batch await(Future<Batch> future) {
        try {
            if (pool == null) {
                ((FutureTask<Batch>) future).run();
            }
            return future.get();
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("preparing a batch failed", cause);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("batch iterator was closed", e);
        }
    }

    /** Builds batch {@code b}: only depends on the epoch order and seed, never on which thread runs it. */
    private Batch buildBatch(int b) {
        int start = b * batchSize;
        int size = Math.min(batchSize, order.length - start);
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        int imageSize = dataset.imageSize();
        int outSize = outShape[0] * outShape[1] * outShape[2];
        float[] data = new float[size * outSize];
        int[] labels = new int[size];
        int[] indices = new int[size];
        float[] image = new float[imageSize];
        for (int k = 0; k < size; k++) {
            int position = start + k;
            int index = order[position];
            indices[k] = index;
            labels[k] = dataset.label(index);
            dataset.copyImage(index, image, 0);
            float[] out = image;
            if (transform != null) {
                out = transform.apply(image, c, h, w, imageRandom(epochSeed, position));
            }
            if (out.length != outSize) {
                throw new IllegalStateException(transform + " returned " + out.length + " values, its output shape "
                        + outShape[0] + "x" + outShape[1] + "x" + outShape[2] + " has " + outSize);
            }
            System.arraycopy(out, 0, data, k * outSize, outSize);
        }
        if (batchTransform != null) {
            batchTransform.apply(data, size, outShape[0], outShape[1], outShape[2], batchRandom(epochSeed, b));
        }
        return new Batch(data, labels, indices, size, outShape[0], outShape[1], outShape[2]);
    }

    /** The RNG of the per-batch transform of batch {@code b}; a stream apart from the images' positions. */
    static Random batchRandom(long epochSeed, int b) {
        return imageRandom(~epochSeed, b);
    }

    /** The RNG for the image at {@code position} of the epoch seeded by {@code epochSeed}. */
    static Random imageRandom(long epochSeed, int position) {
        return new Random(new SplittableRandom(epochSeed + GOLDEN_GAMMA * (position + 1L)).nextLong());
    }

    /** Stops the background threads and discards batches not yet consumed. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Future<Batch> future : pending) {
            future.cancel(true);
        }
        pending.clear();
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
