package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.core.util.Suggestions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    @Test
    void listsKnownDatasetsSorted() {
        assertThat(DatasetCatalog.names())
                .containsExactly("cifar10", "cifar100", "fashion-mnist", "kmnist", "mnist", "svhn");
    }

    @Test
    void unknownNameSuggestsClosest() {
        assertThatThrownBy(() -> DatasetCatalog.get("fashoin-mnist"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("unknown dataset 'fashoin-mnist' (did you mean 'fashion-mnist'?); "
                        + "known: cifar10, cifar100, fashion-mnist, kmnist, mnist, svhn");
        assertThatThrownBy(() -> DatasetCatalog.get("imagenet"))
                .hasMessage("unknown dataset 'imagenet'; known: cifar10, cifar100, fashion-mnist, kmnist, mnist, svhn");
    }

    @Test
    void fashionMnistSpec() {
        DatasetSpec spec = DatasetCatalog.get("fashion-mnist");
        assertThat(spec.folder()).isEqualTo("fashion-mnist");
        assertThat(spec.fileNames())
                .containsExactly(
                        "train-images-idx3-ubyte.gz",
                        "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz",
                        "t10k-labels-idx1-ubyte.gz");
        assertThat(spec.files().get(0).url())
                .hasToString("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz");
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
    void cifarAndSvhnSpecs() {
        DatasetSpec cifar10 = DatasetCatalog.get("cifar10");
        assertThat(cifar10.fileNames()).containsExactly("cifar-10-binary.tar.gz");
        assertThat(cifar10.files().get(0).url()).hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(cifar10.classNames()).hasSize(10).startsWith("airplane").endsWith("truck");
        assertThat(List.of(cifar10.channels(), cifar10.height(), cifar10.width()))
                .containsExactly(3, 32, 32);
        DatasetSpec cifar100 = DatasetCatalog.get("cifar100");
        assertThat(cifar100.fileNames()).containsExactly("cifar-100-binary.tar.gz");
        assertThat(cifar100.classNames())
                .hasSize(100)
                .doesNotHaveDuplicates()
                .startsWith("apple")
                .endsWith("worm");
        assertThat(CifarFamily.CIFAR100_COARSE).hasSize(20).doesNotHaveDuplicates();
        DatasetSpec svhn = DatasetCatalog.get("svhn");
        assertThat(svhn.fileNames()).containsExactly("train_32x32.mat", "test_32x32.mat");
        assertThat(svhn.loader().files(svhn, new DatasetOptions(false, true)).stream()
                        .map(DatasetFile::fileName))
                .containsExactly("train_32x32.mat", "test_32x32.mat", "extra_32x32.mat");
        assertThat(svhn.files().get(0).url()).hasToString("http://ufldl.stanford.edu/housenumbers/train_32x32.mat");
        for (DatasetSpec spec : List.of(cifar10, cifar100, svhn)) {
            assertThat(spec.files()).allMatch(DatasetFile::hasChecksum);
            assertThat(spec.mean()).hasSize(3);
        }
    }

    @Test
    void levenshteinDistance() {
        assertThat(Suggestions.closest("kminst", List.of("mnist", "kmnist"))).contains("kmnist");
        assertThat(Suggestions.closest("cifar", List.of("mnist", "kmnist"))).isEmpty();
    }

    @Test
    void specRejectsBadChecksums() {
        assertThatThrownBy(() -> DatasetFile.of("a.gz", URI.create("http://x/a.gz"), "abc"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("checksum 'abc' for a.gz is not 64 hex digits");
    }
}
