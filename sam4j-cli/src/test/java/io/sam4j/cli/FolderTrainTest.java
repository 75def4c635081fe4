package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j train --dataset folder:PATH} on a tiny image folder the test writes. */
class FolderTrainTest {

    /** Two classes that differ in colour: mostly red or mostly blue noise, 12×10 PNG images. */
    private static Path writeFolder(Path root) throws Exception {
        Random random = new Random(3);
        for (String split : new String[] {"train", "test"}) {
            for (String cls : new String[] {"blue", "red"}) {
                for (int i = 0; i < (split.equals("train") ? 8 : 4); i++) {
                    BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 10; y++) {
                        for (int x = 0; x < 12; x++) {
                            int strong = 150 + random.nextInt(100);
                            int weak = random.nextInt(80);
                            img.setRGB(x, y, cls.equals("red") ? strong << 16 | weak : weak << 16 | strong);
                        }
                    }
                    Path file = root.resolve(split).resolve(cls).resolve(i + ".png");
                    Files.createDirectories(file.getParent());
                    ImageIO.write(img, "png", file.toFile());
                }
            }
        }
        return root;
    }

    @Test
    void trainsOnAnImageFolderAtTheChosenSize(@TempDir Path dir) throws Exception {
        Path data = writeFolder(dir.resolve("Colours"));
        Path run = dir.resolve("run");
        CliRun result = CliRun.of(
                "train",
                "--dataset",
                "folder:" + data,
                "--image-size",
                "8",
                "--model",
                "mlp",
                "--augment",
                "basic,randaugment:1:3,cutout-batch:4",
                "--epochs",
                "2",
                "--batch-size",
                "4",
                "--lr",
                "0.05",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode written = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        JsonNode config = written.get("config");
        assertThat(config.get("dataset").asText()).isEqualTo("folder:" + data);
        assertThat(config.get("image-size").asInt()).isEqualTo(8);
        JsonNode provenance = written.get("provenance");
        assertThat(provenance.toString()).contains("\"input_shape\":[3,8,8]").contains("\"classes\":2");
        // The same run again gives the same metrics: folder loading and every augmentation are seeded.
        Path again = dir.resolve("again");
        CliRun second = CliRun.of(
                "train",
                "--dataset",
                "folder:" + data,
                "--image-size",
                "8",
                "--model",
                "mlp",
                "--augment",
                "basic,randaugment:1:3,cutout-batch:4",
                "--epochs",
                "2",
                "--batch-size",
                "4",
                "--lr",
                "0.05",
                "--out",
                again.toString(),
                "--quiet");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(withoutTimes(again)).isEqualTo(withoutTimes(run));
    }

    private static String withoutTimes(Path run) throws Exception {
        return Files.readString(run.resolve("metrics.jsonl")).replaceAll("\"(train|eval)_seconds\":[0-9.eE-]+,?", "");
    }

    @Test
    void imageSizeNeedsAFolderAndPadCropIsRejectedForFolders(@TempDir Path dir) throws Exception {
        CliRun wrong = CliRun.of(
                "train", "--image-size", "32", "--out", dir.resolve("a").toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("--image-size applies only to folder:PATH datasets, not 'fashion-mnist'");
        Path data = writeFolder(dir.resolve("c"));
        CliRun crop = CliRun.of(
                "train",
                "--dataset",
                "folder:" + data,
                "--image-size",
                "8",
                "--model",
                "mlp",
                "--augment",
                "crop",
                "--out",
                dir.resolve("b").toString());
        assertThat(crop.exitCode()).as(crop.err()).isEqualTo(2);
        assertThat(crop.errorLines()).isEqualTo(1);
        assertThat(crop.err()).contains("pad-and-crop is for fixed-size datasets");
        CliRun missing = CliRun.of(
                "train",
                "--dataset",
                "folder:" + dir.resolve("none"),
                "--out",
                dir.resolve("d").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errorLines()).isEqualTo(1);
        assertThat(missing.err()).contains(dir.resolve("none/train") + ": missing");
    }
}
