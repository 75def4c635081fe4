package io.sam4j.zoo.data;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * SVHN, the cropped 32×32 digits (format 2), read by {@link SvhnLoader}; label = digit.
 *
 * <p>The official page publishes no checksums. The SHA-256 sums pinned here are those of the same URLs
 * in TensorFlow Datasets' {@code url_checksums/svhn_cropped.txt} (sizes 182,040,794, 64,275,384 and
 * 1,329,278,602 bytes); they could not be recomputed here. Normalization statistics are the usual
 * per-channel mean and standard deviation of the training pixels scaled to [0, 1].
 */
final class SvhnFamily {

    static final URI MIRROR = URI.create("http://ufldl.stanford.edu/housenumbers/");

    private SvhnFamily() {}

    static DatasetSpec svhn() {
        DatasetFile extra = file(SvhnLoader.EXTRA, "a133a4beb38a00fcdda90c9489e0c04f900b660ce8a316a5e854838379a71eb3");
        return new DatasetSpec(
                "svhn",
                List.of(
                        file(SvhnLoader.TRAIN, "435e94d69a87fde4fd4d7f3dd208dfc32cb6ae8af2240d066de1df7508d083b8"),
                        file(SvhnLoader.TEST, "cdce80dfb2a2c4c6160906d0bd7c68ec5a99d7ca4831afa54f09182025b6a75b")),
                3,
                32,
                32,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                new float[] {0.4377f, 0.4438f, 0.4728f},
                new float[] {0.1980f, 0.2010f, 0.1970f},
                new SvhnLoader(extra));
    }

    private static DatasetFile file(String name, String sha256) {
        return new DatasetFile(name, MIRROR.resolve(name), sha256, Set.of());
    }
}
