package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    @Test
    void listsKnownDatasetsSorted() {
        assertThat(DatasetCatalog.names()).containsExactly("fashion-mnist", "kmnist", "mnist");
    }

    @Test
    void unknownNameSuggestsClosest() {
        assertThatThrownBy(() -> DatasetCatalog.get("fashoin-mnist"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("unknown dataset 'fashoin-mnist' (did you mean 'fashion-mnist'?); "
                        + "known: fashion-mnist, kmnist, mnist");
        assertThatThrownBy(() -> DatasetCatalog.get("imagenet"))
                .hasMessage("unknown dataset 'imagenet'; known: fashion-mnist, kmnist, mnist");
    }

    @Test
    void fashionMnistSpec() {
        DatasetSpec spec = DatasetCatalog.get("fashion-mnist");
        assertThat(spec.folder()).isEqualTo("fashion-mnist");
        assertThat(spec.fileNames()).containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(spec.files().get(0).url()).hasToString(
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz");
        assertThat(spec.files()).allMatch(DatasetFile::hasChecksum);
        assertThat(spec.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(spec.mean()).containsExactly(0.2860f);
        assertThat(spec.std()).containsExactly(0.3530f);
        assertThat(List.of(spec.channels(), spec.height(), spec.width(), spec.numClasses()))
                .containsExactly(1, 28, 28, 10);
    }

    @Test
    void mnistAndKmnistSpecs() {
        DatasetSpec mnist = DatasetCatalog.get("mnist");
        assertThat(mnist.files().get(3).url())
                .hasToString("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz");
        assertThat(mnist.mean()).containsExactly(0.1307f);
        assertThat(mnist.std()).containsExactly(0.3081f);
        DatasetSpec kmnist = DatasetCatalog.get("kmnist");
        assertThat(kmnist.files().get(0).url())
                .hasToString("http://codh.rois.ac.jp/kmnist/dataset/kmnist/train-images-idx3-ubyte.gz");
        assertThat(kmnist.classNames()).containsExactly("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo");
        assertThat(kmnist.mean()).containsExactly(0.1918f);
        assertThat(kmnist.std()).containsExactly(0.3483f);
    }

    @Test
    void levenshteinDistance() {
        assertThat(io.sam4j.core.util.Suggestions.closest("kminst", List.of("mnist", "kmnist"))).contains("kmnist");
        assertThat(io.sam4j.core.util.Suggestions.closest("cifar", List.of("mnist", "kmnist"))).isEmpty();
    }

    @Test
    void specRejectsBadChecksums() {
        assertThatThrownBy(() -> DatasetFile.of("a.gz", java.net.URI.create("http://x/a.gz"), "abc"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("checksum 'abc' for a.gz is not 64 hex digits");
    }
}
