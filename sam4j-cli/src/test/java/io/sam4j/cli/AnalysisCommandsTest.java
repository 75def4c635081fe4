package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j landscape} and {@code sam4j sharpness} on two small Fashion-MNIST runs: the files they write,
 * the agreement between modes (every mode evaluates the same seeded sample, so the loss at the trained
 * weights must be the same number everywhere), and one-line errors for bad flags.
 */
class AnalysisCommandsTest {

    @TempDir
    static Path dir;

    static Path first;
    static Path second;

    /** Same sample in every command: the seed is fixed, not taken from the (different) runs. */
    static final String[] SAMPLE = {"--samples", "200", "--batch-size", "100", "--seed", "7", "--quiet"};

    @BeforeAll
    static void trainTwoRuns() {
        assertThat(TrainEndToEndTest.FASHION.resolve("train-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST must be installed (apt-get install dataset-fashion-mnist)")
                .exists();
        first = dir.resolve("first");
        second = dir.resolve("second");
        // One seed, so that both runs draw the same training subset (and its normalization): the interpolation
        // evaluates on the first run's data, and α = 1 must match the second run on that same data.
        for (Object[] run : new Object[][] {{first, "0.05"}, {second, "0.01"}}) {
            CliRun r = CliRun.of(
                    "train",
                    "--out",
                    run[0].toString(),
                    "--model",
                    "cnn",
                    "--train-limit",
                    "500",
                    "--test-limit",
                    "100",
                    "--epochs",
                    "1",
                    "--batch-size",
                    "50",
                    "--lr",
                    (String) run[1],
                    "--seed",
                    "1",
                    "--quiet");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
    }

    static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(SAMPLE));
        return CliRun.of(all.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws Exception {
        return ConfigFiles.JSON.readTree(file.toFile());
    }

    static void assertOneLineError(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(run.err()).contains(f);
        }
    }

    @Test
    void landscapesOfAllModesAndSharpnessAgreeOnTheLossAtTheTrainedWeights() throws Exception {
        Path out1 = dir.resolve("out1");
        Path out2 = dir.resolve("out2");
        CliRun line = run("landscape", first.toString(), "--mode", "1d", "--range", "-1:1:3", "--out", out1.toString());
        assertThat(line.exitCode()).as(line.err()).isZero();
        assertThat(line.out()).contains("landscape 1d: 3 points on 200 examples");
        JsonNode l1 = json(out1.resolve("landscape-1d.json"));
        assertThat(l1.get("x").toString()).isEqualTo("[-1.0,0.0,1.0]");
        assertThat(l1.get("loss")).hasSize(3);
        assertThat(l1.get("accuracy")).hasSize(3);
        assertThat(l1.at("/settings/ignore").asText()).isEqualTo("biasbn");
        assertThat(l1.at("/settings/samples").asInt()).isEqualTo(200);
        assertThat(l1.at("/timings/points").asInt()).isEqualTo(3);
        double atFirst = l1.get("loss").get(1).asDouble();
        assertThat(l1.get("loss").get(0).asDouble()).isGreaterThan(atFirst);
        assertThat(l1.get("loss").get(2).asDouble()).isGreaterThan(atFirst);
        BufferedImage png = ImageIO.read(out1.resolve("landscape-1d.png").toFile());
        assertThat(png.getWidth()).isPositive();
        assertThat(Files.readString(out1.resolve("landscape-1d.html"))).startsWith("<!DOCTYPE html>");

        CliRun plane = run(
                "landscape",
                first.toString(),
                "--mode",
                "2d",
                "--range",
                "-1:1:3",
                "--range-y",
                "-0.5:0.5:3",
                "--out",
                out1.toString());
        assertThat(plane.exitCode()).as(plane.err()).isZero();
        JsonNode l2 = json(out1.resolve("landscape-2d.json"));
        assertThat(l2.get("y").toString()).isEqualTo("[-0.5,0.0,0.5]");
        assertThat(l2.get("loss")).hasSize(3);
        assertThat(l2.get("loss").get(0)).hasSize(3);
        assertThat(l2.at("/loss/1/1").asDouble()).isCloseTo(atFirst, within(1e-6));
        // The first direction of the plane is the direction of the line: the same seed draws it.
        assertThat(l2.at("/loss/1/0").asDouble())
                .isCloseTo(l1.get("loss").get(0).asDouble(), within(1e-6));
        assertThat(ImageIO.read(out1.resolve("landscape-2d.png").toFile()).getWidth())
                .isEqualTo(860);
        assertThat(Files.readString(out1.resolve("landscape-2d.html"))).contains("\"type\":\"surface\"");

        CliRun otherLine = run("landscape", second.toString(), "--range", "-1:1:3", "--out", out2.toString());
        assertThat(otherLine.exitCode()).as(otherLine.err()).isZero();
        double atSecond =
                json(out2.resolve("landscape-1d.json")).get("loss").get(1).asDouble();
        assertThat(atSecond).isNotCloseTo(atFirst, within(1e-4));

        CliRun interp = run(
                "landscape",
                first.toString(),
                "--mode",
                "interp",
                "--other",
                second.toString(),
                "--range",
                "-0.5:1.5:5",
                "--out",
                out1.toString());
        assertThat(interp.exitCode()).as(interp.err()).isZero();
        JsonNode li = json(out1.resolve("landscape-interp.json"));
        assertThat(li.get("x").toString()).isEqualTo("[-0.5,0.0,0.5,1.0,1.5]");
        assertThat(li.get("loss").get(1).asDouble()).isCloseTo(atFirst, within(1e-6));
        assertThat(li.get("loss").get(3).asDouble()).isCloseTo(atSecond, within(1e-6));
        assertThat(li.at("/settings/other").asText()).isEqualTo(second.toString());

        CliRun sharp = run("sharpness", first.toString(), "--rho", "0.05", "--steps", "3", "--out", out1.toString());
        assertThat(sharp.exitCode()).as(sharp.err()).isZero();
        JsonNode s = json(out1.resolve("sharpness.json"));
        assertThat(s.get("loss").asDouble()).isCloseTo(atFirst, within(1e-5));
        assertThat(s.get("sharpness").asDouble()).isPositive();
        assertThat(s.get("max_loss").asDouble())
                .isCloseTo(atFirst + s.get("sharpness").asDouble(), within(1e-9));
        assertThat(s.get("groups").asInt()).isEqualTo(1);
        assertThat(s.at("/settings/ball").asText()).isEqualTo("l2");

        CliRun mSharp =
                run("sharpness", first.toString(), "--steps", "2", "--m", "50", "--adaptive", "--out", out1.toString());
        assertThat(mSharp.exitCode()).as(mSharp.err()).isZero();
        JsonNode ms = json(out1.resolve("sharpness.json"));
        assertThat(ms.get("groups").asInt()).isEqualTo(4);
        assertThat(ms.get("group_size").asInt()).isEqualTo(50);
        assertThat(ms.get("per_group")).hasSize(4);
        assertThat(ms.at("/settings/ball").asText()).isEqualTo("adaptive");
        // Each group's mean loss averages to the sample's loss (equal group sizes).
        assertThat(ms.get("loss").asDouble()).isCloseTo(atFirst, within(1e-5));
    }

    @Test
    void badFlagsGiveOneLineNamingTheFlag() {
        String run = dir.resolve("missing").toString();
        assertOneLineError(CliRun.of("landscape", run, "--range", "1:0:5"), "--range", "1:0");
        assertOneLineError(
                CliRun.of("landscape", run, "--mode", "3d"), "--mode must be one of 1d, 2d, interp but was '3d'");
        assertOneLineError(CliRun.of("landscape", run, "--mode", "interp"), "--mode interp needs --other");
        assertOneLineError(
                CliRun.of("landscape", run, "--ignore", "bias"), "--ignore must be biasbn or none but was 'bias'");
        assertOneLineError(
                CliRun.of("landscape", run, "--mode", "2d", "--range-y", "0:1:1"), "--range-y", "at least 2 points");
        assertOneLineError(CliRun.of("landscape", run, "--samples", "0"), "--samples must be >= 1 but was 0");
        assertOneLineError(CliRun.of("sharpness", run, "--rho", "0"), "--rho must be > 0 but was 0.0");
        assertOneLineError(CliRun.of("sharpness", run, "--m", "600"), "--m 600 must be at most --batch-size 250");
        assertOneLineError(CliRun.of("landscape", run), "missing", "config.json");
    }

    @Test
    void interpolationRefusesRunsOfDifferentModels() {
        Path mlp = dir.resolve("mlp");
        CliRun train = CliRun.of(
                "train",
                "--out",
                mlp.toString(),
                "--model",
                "mlp",
                "--train-limit",
                "200",
                "--test-limit",
                "100",
                "--epochs",
                "1",
                "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertOneLineError(
                run("landscape", first.toString(), "--mode", "interp", "--other", mlp.toString()),
                "--other",
                "trained mlp",
                "interpolation needs the same model and dataset");
    }
}
