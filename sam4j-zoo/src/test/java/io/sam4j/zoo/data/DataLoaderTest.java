package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.zoo.augment.AugmentationSpec;
import io.sam4j.zoo.augment.CenterCrop;
import io.sam4j.zoo.augment.Normalize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    private static List<Batch> drain(DataLoader loader, long seed) {
        List<Batch> batches = new ArrayList<>();
        try (BatchIterator it = loader.epoch(seed)) {
            it.forEachRemaining(batches::add);
        }
        return batches;
    }

    private static int[] order(List<Batch> batches) {
        return batches.stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
    }

    @Test
    void unshuffledBatchesFollowDatasetOrderWithScaledPixels() {
        ImageDataset ds = TestDatasets.pixels(5, 3);
        List<Batch> batches = drain(DataLoader.builder(ds).batchSize(2).build(), 0);
        assertThat(batches).extracting(Batch::size).containsExactly(2, 2, 1);
        Batch first = batches.get(0);
        assertThat(first.indices()).containsExactly(0, 1);
        assertThat(first.labels()).containsExactly(0, 1);
        assertThat(first.data()).containsExactly(0f, 1 / 255f);
        assertThat(first.shape()).containsExactly(2, 1, 1, 1);
        assertThat(batches.get(2).labels()).containsExactly(1);
    }

    @Test
    void shuffleUsesCollectionsShuffleWithTheEpochSeed() {
        ImageDataset ds = TestDatasets.pixels(50, 5);
        List<Integer> expected = new ArrayList<>(IntStream.range(0, 50).boxed().toList());
        Collections.shuffle(expected, new Random(123));
        int[] actual =
                order(drain(DataLoader.builder(ds).batchSize(8).shuffle(true).build(), 123));
        assertThat(actual)
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void everyExampleOncePerEpochSameSeedSameOrderDifferentSeedsDiffer() {
        ImageDataset ds = TestDatasets.pixels(100, 10);
        DataLoader loader = DataLoader.builder(ds).batchSize(16).shuffle(true).build();
        int[] a = order(drain(loader, 1));
        assertThat(a).hasSize(100).doesNotHaveDuplicates();
        assertThat(Arrays.stream(a).sorted().toArray())
                .containsExactly(IntStream.range(0, 100).toArray());
        assertThat(order(drain(loader, 1))).containsExactly(a);
        assertThat(order(drain(loader, 2))).isNotEqualTo(a);
    }

    @Test
    void dropLastDropsOnlyThePartialBatch() {
        ImageDataset ds = TestDatasets.pixels(10, 2);
        DataLoader keep = DataLoader.builder(ds).batchSize(4).build();
        DataLoader drop = DataLoader.builder(ds).batchSize(4).dropLast(true).build();
        assertThat(keep.numBatches()).isEqualTo(3);
        assertThat(drop.numBatches()).isEqualTo(2);
        assertThat(drain(keep, 0)).extracting(Batch::size).containsExactly(4, 4, 2);
        assertThat(drain(drop, 0)).extracting(Batch::size).containsExactly(4, 4);
    }

    @Test
    void augmentedResultsDoNotDependOnThreadCount() {
        byte[] px = new byte[40 * 3 * 8 * 8];
        new Random(5).nextBytes(px);
        int[] labels = IntStream.range(0, 40).map(i -> i % 10).toArray();
        ImageDataset ds = new ImageDataset("rgb", px, labels, 3, 8, 8, 10, TestDatasets.TEN);
        Normalize normalize = new Normalize(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.2f, 0.2f});
        AugmentationSpec spec = AugmentationSpec.parse("basic,cutout:4");
        List<List<Batch>> runs = new ArrayList<>();
        for (int workers : new int[] {0, 1, 3}) {
            DataLoader loader = DataLoader.builder(ds)
                    .batchSize(6)
                    .shuffle(true)
                    .augment(spec, normalize)
                    .workers(workers)
                    .prefetch(4)
                    .build();
            runs.add(drain(loader, 99));
        }
        for (List<Batch> run : runs.subList(1, runs.size())) {
            assertThat(run).hasSameSizeAs(runs.get(0));
            for (int b = 0; b < run.size(); b++) {
                assertThat(run.get(b).data()).containsExactly(runs.get(0).get(b).data());
                assertThat(run.get(b).labels())
                        .containsExactly(runs.get(0).get(b).labels());
            }
        }
        // The augmentation really ran: some values differ from plain normalization.
        DataLoader plain = DataLoader.builder(ds)
                .batchSize(6)
                .shuffle(true)
                .transform(normalize)
                .build();
        assertThat(drain(plain, 99).get(0).data())
                .isNotEqualTo(runs.get(0).get(0).data());
    }

    @Test
    void policiesAndBatchCutoutDoNotDependOnThreadCount() {
        byte[] px = new byte[20 * 3 * 12 * 12];
        new Random(6).nextBytes(px);
        int[] labels = IntStream.range(0, 20).map(i -> i % 10).toArray();
        ImageDataset ds = new ImageDataset("rgb", px, labels, 3, 12, 12, 10, TestDatasets.TEN);
        Normalize normalize = new Normalize(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.2f, 0.2f});
        AugmentationSpec spec = AugmentationSpec.parse("autoaugment,basic,cutout-batch:6");
        List<List<Batch>> runs = new ArrayList<>();
        for (int workers : new int[] {0, 2}) {
            runs.add(drain(
                    DataLoader.builder(ds)
                            .batchSize(8)
                            .shuffle(true)
                            .augment(spec, normalize)
                            .workers(workers)
                            .build(),
                    5));
        }
        for (int b = 0; b < runs.get(0).size(); b++) {
            assertThat(runs.get(1).get(b).data())
                    .containsExactly(runs.get(0).get(b).data());
        }
        // One Cutout square per batch: the positions that are 0 in every channel are the same in all images.
        Batch first = runs.get(0).get(0);
        int plane = 12 * 12;
        for (int k = 0; k < plane; k++) {
            boolean cutInFirst = zeroInAllChannels(first.data(), 0, k, plane);
            for (int img = 1; img < first.size(); img++) {
                if (cutInFirst) {
                    assertThat(zeroInAllChannels(first.data(), img, k, plane)).isTrue();
                }
            }
        }
        assertThat(IntStream.range(0, plane)
                        .filter(k -> zeroInAllChannels(first.data(), 0, k, plane))
                        .count())
                .isBetween(9L, 36L);
        assertThat(drain(
                                DataLoader.builder(ds)
                                        .batchSize(8)
                                        .shuffle(true)
                                        .augment(spec, normalize)
                                        .build(),
                                6)
                        .get(0)
                        .data())
                .isNotEqualTo(first.data());
    }

    private static boolean zeroInAllChannels(float[] data, int img, int k, int plane) {
        for (int ch = 0; ch < 3; ch++) {
            if (data[(img * 3 + ch) * plane + k] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Test
    void batchesHaveTheTransformsOutputShape() {
        byte[] px = new byte[5 * 3 * 10 * 10];
        new Random(7).nextBytes(px);
        ImageDataset ds = new ImageDataset("rgb", px, new int[5], 3, 10, 10, 10, TestDatasets.TEN);
        DataLoader loader = DataLoader.builder(ds)
                .batchSize(4)
                .transform(AugmentationSpec.parse("basic").toFolderTrainPipeline(6, null))
                .build();
        assertThat(loader.outputShape()).containsExactly(3, 6, 6);
        List<Batch> batches = drain(loader, 1);
        assertThat(batches.get(0).shape()).containsExactly(4, 3, 6, 6);
        assertThat(batches.get(1).shape()).containsExactly(1, 3, 6, 6);
        assertThatThrownBy(() ->
                        DataLoader.builder(ds).transform(new CenterCrop(11)).build())
                .hasMessage("center crop 11x11 does not fit a 10x10 image");
    }

    @Test
    void exhaustedOrClosedIteratorRefusesNext() {
        DataLoader loader =
                DataLoader.builder(TestDatasets.pixels(3, 1)).batchSize(2).build();
        BatchIterator it = loader.epoch(0);
        it.next();
        it.close();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class).hasMessage("batch iterator is closed");
        BatchIterator full = loader.epoch(0);
        full.next();
        full.next();
        assertThatThrownBy(full::next).hasMessage("epoch has only 2 batches");
    }

    @Test
    void transformFailureSurfacesFromNext() {
        DataLoader loader = DataLoader.builder(TestDatasets.pixels(4, 1))
                .batchSize(2)
                .transform((chw, c, h, w, rng) -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        try (BatchIterator it = loader.epoch(0)) {
            assertThatThrownBy(it::next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
        }
    }

    @Test
    void dropLastWithFewerExamplesThanABatchYieldsNothing() {
        DataLoader loader = DataLoader.builder(TestDatasets.pixels(3, 1))
                .batchSize(4)
                .dropLast(true)
                .build();
        try (BatchIterator it = loader.epoch(0)) {
            assertThat(it.numBatches()).isZero();
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void rejectsBadSettings() {
        DataLoader.Builder b = DataLoader.builder(TestDatasets.pixels(1, 1));
        assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batch size must be at least 1, got 0");
        assertThatThrownBy(() -> b.workers(-1)).hasMessage("workers must be at least 0, got -1");
        assertThatThrownBy(() -> b.prefetch(0)).hasMessage("prefetch must be in [1, 16], got 0");
    }
}
