package io.sam4j.zoo.data;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * CIFAR-10 and CIFAR-100 (Krizhevsky 2009, "Learning Multiple Layers of Features from Tiny Images"), the
 * official binary version, read by {@link CifarBinaryLoader}.
 *
 * <p>The official page publishes MD5 sums only (CIFAR-10 {@code c32a1d4ab5d03f1284b67883e8d87530},
 * CIFAR-100 {@code 03b5dce01913d631647c71ecec9e9cb8}). The SHA-256 sums pinned here are those of the same
 * URLs in TensorFlow Datasets' checksum files ({@code url_checksums/cifar10.txt}, {@code cifar100.txt},
 * which also give the sizes 170,052,171 and 168,513,733 bytes); they could not be recomputed here, as the
 * archives cannot be downloaded in this build environment.
 *
 * <p>Normalization statistics are the usual per-channel mean and standard deviation of the training
 * pixels scaled to [0, 1].
 */
final class CifarFamily {

    static final URI MIRROR = URI.create("https://www.cs.toronto.edu/~kriz/");

    /** The CIFAR-10 archive's name. */
    static final String CIFAR10_ARCHIVE = "cifar-10-binary.tar.gz";
    /** The folder the CIFAR-10 archive extracts to. */
    static final String CIFAR10_FOLDER = "cifar-10-batches-bin";
    /** The CIFAR-100 archive's name. */
    static final String CIFAR100_ARCHIVE = "cifar-100-binary.tar.gz";
    /** The folder the CIFAR-100 archive extracts to. */
    static final String CIFAR100_FOLDER = "cifar-100-binary";

    static final List<String> CIFAR10_CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    static final List<String> CIFAR100_FINE = List.of(
            "apple",
            "aquarium_fish",
            "baby",
            "bear",
            "beaver",
            "bed",
            "bee",
            "beetle",
            "bicycle",
            "bottle",
            "bowl",
            "boy",
            "bridge",
            "bus",
            "butterfly",
            "camel",
            "can",
            "castle",
            "caterpillar",
            "cattle",
            "chair",
            "chimpanzee",
            "clock",
            "cloud",
            "cockroach",
            "couch",
            "crab",
            "crocodile",
            "cup",
            "dinosaur",
            "dolphin",
            "elephant",
            "flatfish",
            "forest",
            "fox",
            "girl",
            "hamster",
            "house",
            "kangaroo",
            "keyboard",
            "lamp",
            "lawn_mower",
            "leopard",
            "lion",
            "lizard",
            "lobster",
            "man",
            "maple_tree",
            "motorcycle",
            "mountain",
            "mouse",
            "mushroom",
            "oak_tree",
            "orange",
            "orchid",
            "otter",
            "palm_tree",
            "pear",
            "pickup_truck",
            "pine_tree",
            "plain",
            "plate",
            "poppy",
            "porcupine",
            "possum",
            "rabbit",
            "raccoon",
            "ray",
            "road",
            "rocket",
            "rose",
            "sea",
            "seal",
            "shark",
            "shrew",
            "skunk",
            "skyscraper",
            "snail",
            "snake",
            "spider",
            "squirrel",
            "streetcar",
            "sunflower",
            "sweet_pepper",
            "table",
            "tank",
            "telephone",
            "television",
            "tiger",
            "tractor",
            "train",
            "trout",
            "tulip",
            "turtle",
            "wardrobe",
            "whale",
            "willow_tree",
            "wolf",
            "woman",
            "worm");

    static final List<String> CIFAR100_COARSE = List.of(
            "aquatic_mammals",
            "fish",
            "flowers",
            "food_containers",
            "fruit_and_vegetables",
            "household_electrical_devices",
            "household_furniture",
            "insects",
            "large_carnivores",
            "large_man-made_outdoor_things",
            "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores",
            "medium_mammals",
            "non-insect_invertebrates",
            "people",
            "reptiles",
            "small_mammals",
            "trees",
            "vehicles_1",
            "vehicles_2");

    private CifarFamily() {}

    static DatasetSpec cifar10() {
        return new DatasetSpec(
                "cifar10",
                List.of(new DatasetFile(
                        CIFAR10_ARCHIVE,
                        MIRROR.resolve(CIFAR10_ARCHIVE),
                        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
                        Set.of())),
                3,
                32,
                32,
                CIFAR10_CLASSES,
                new float[] {0.4914f, 0.4822f, 0.4465f},
                new float[] {0.2470f, 0.2435f, 0.2616f},
                new CifarBinaryLoader(
                        CIFAR10_ARCHIVE,
                        CIFAR10_FOLDER,
                        List.of(
                                "data_batch_1.bin",
                                "data_batch_2.bin",
                                "data_batch_3.bin",
                                "data_batch_4.bin",
                                "data_batch_5.bin"),
                        "test_batch.bin",
                        null));
    }

    static DatasetSpec cifar100() {
        return new DatasetSpec(
                "cifar100",
                List.of(new DatasetFile(
                        CIFAR100_ARCHIVE,
                        MIRROR.resolve(CIFAR100_ARCHIVE),
                        "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
                        Set.of())),
                3,
                32,
                32,
                CIFAR100_FINE,
                new float[] {0.5071f, 0.4865f, 0.4409f},
                new float[] {0.2673f, 0.2564f, 0.2762f},
                new CifarBinaryLoader(
                        CIFAR100_ARCHIVE, CIFAR100_FOLDER, List.of("train.bin"), "test.bin", CIFAR100_COARSE));
    }
}
