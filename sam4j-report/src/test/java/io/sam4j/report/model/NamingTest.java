package io.sam4j.report.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.core.sam.SamMethods;
import io.sam4j.report.html.HtmlReport;
import io.sam4j.report.testing.Fixtures;
import io.sam4j.report.text.Headline;
import io.sam4j.report.text.MarkdownReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report speaks the reader's words: a title that names the task the runs share, configurations
 * named by method ("SGD", "SAM ρ = 0.1", "LookSAM ρ = 0.05, k = 5"), and train figures said to be on
 * noisy labels where they are. Run directories written here as train writes them: config.json records
 * every setting, including the parameters of methods a run does not use.
 */
class NamingTest {

    @Test
    void theTitleAndHeadlineNameTheTask(@TempDir Path dir) {
        ReportModel model = ReportModel.load(List.of(Fixtures.writeDemoLikeRuns(dir)));
        assertThat(model.groups()).extracting(RunGroup::label).containsExactly("SGD", "SAM ρ = 0.1");
        assertThat(model.title())
                .isEqualTo("SGD vs SAM (ρ = 0.1) on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs");
        Headline headline = Headline.of(model);
        // Test errors 33.87% (SGD) and 25.80% (SAM) by hand: means of 35.3, 32.5, 33.8 and 27.5, 22.8, 27.1.
        assertThat(headline.verdicts())
                .singleElement()
                .asString()
                .startsWith("SAM ρ = 0.1 lowered test error by 8.07 ± ")
                .contains(" points vs SGD on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs (");
        assertThat(headline.details())
                .anySatisfy(d -> assertThat(d)
                        .startsWith("Train error and accuracy are measured on the noisy"
                                + " training labels (40% of them replaced by a random other class)"));

        String html = HtmlReport.builder().setModel(model).build().render();
        assertThat(html)
                .contains("<title>SGD vs SAM (ρ = 0.1) on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs"
                        + "</title>")
                .contains("<h1>SGD vs SAM (ρ = 0.1) on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs</h1>")
                .contains("6 runs in 2 configurations, seeds 1–3 · model cnn · 1,000 test images · 40% of the"
                        + " training labels replaced by a random other class; test labels clean")
                .contains("<th>Train error (noisy labels) (%)</th>")
                .contains("\"text\":\"Train error (noisy labels)\"")
                .doesNotContain("sam=none")
                .doesNotContain("sam=sam");
        assertThat(MarkdownReport.of(model)).contains("| Train error (noisy labels) (%) |");
    }

    @Test
    void runsThatDifferInASettingShareTheRestOfTheTitle(@TempDir Path dir) {
        Fixtures.writeTrainRun(dir.resolve("a"), 1, 0.8, "epochs", 10, "label-noise", 0.0);
        Fixtures.writeTrainRun(dir.resolve("b"), 1, 0.8, "epochs", 20, "label-noise", 0.0, "lr", 0.1);
        Fixtures.writeTrainRun(dir.resolve("c"), 1, 0.8, "epochs", 20, "label-noise", 0.0, "sam", "sam");
        ReportModel model = ReportModel.load(List.of(dir));
        // Epochs and lr differ: the configurations name them, the title names what all three share.
        assertThat(model.title()).isEqualTo("SGD vs SAM (ρ = 0.05) on Fashion-MNIST, 2,000 images");
        assertThat(model.groups())
                .extracting(RunGroup::label)
                .containsExactly(
                        "SGD · epochs = 10, lr = 0.05",
                        "SGD · epochs = 20, lr = 0.1",
                        "SAM ρ = 0.05 · epochs = 20, lr = 0.05");
        // Clean labels: the train error is an error rate, and nothing says otherwise.
        assertThat(model.trainLabels()).isEmpty();
        assertThat(model.columns()).contains(Column.TRAIN_ERROR);
    }

    @Test
    void configurationsAreNamedByTheirMethodsInThePapersWords(@TempDir Path dir) {
        Fixtures.writeTrainRun(dir.resolve("sgd"), 1, 0.8);
        Fixtures.writeTrainRun(dir.resolve("sam"), 1, 0.8, "sam", "sam", "rho", 0.1);
        Fixtures.writeTrainRun(dir.resolve("sam-m"), 1, 0.8, "sam", "sam", "m", 8);
        Fixtures.writeTrainRun(dir.resolve("asam"), 1, 0.8, "sam", "asam", "rho", 0.5);
        Fixtures.writeTrainRun(dir.resolve("looksam"), 1, 0.8, "sam", "looksam");
        Fixtures.writeTrainRun(dir.resolve("rst"), 1, 0.8, "sam", "rst");
        Fixtures.writeTrainRun(dir.resolve("esam"), 1, 0.8, "sam", "esam");
        Fixtures.writeTrainRun(dir.resolve("gsam"), 1, 0.8, "sam", "gsam");
        Fixtures.writeTrainRun(dir.resolve("msam"), 1, 0.8, "sam", "msam");
        Fixtures.writeTrainRun(dir.resolve("adam"), 1, 0.8, "optimizer", "adam");
        Fixtures.writeTrainRun(dir.resolve("adam-sam"), 1, 0.8, "optimizer", "adam", "sam", "sam");
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.groups())
                .extracting(RunGroup::label)
                .containsExactlyInAnyOrder(
                        "SGD",
                        "Adam",
                        "SAM ρ = 0.1",
                        "SAM ρ = 0.05, m = 8",
                        "Adam + SAM ρ = 0.05",
                        "ASAM ρ = 0.5, η = 0.01",
                        "LookSAM ρ = 0.05, k = 5",
                        "RST ρ = 0.05, p = 0.5",
                        "ESAM ρ = 0.05, β = 0.6, γ = 0.5",
                        "GSAM ρ = 0.05, α = 0.1",
                        "MSAM ρ = 0.05");
        Map<String, String> methods =
                model.groups().stream().collect(Collectors.toMap(RunGroup::label, RunGroup::method));
        // The method column names every parameter, and the base optimizer.
        assertThat(methods.get("LookSAM ρ = 0.05, k = 5")).isEqualTo("SGD + LookSAM (ρ = 0.05, k = 5, α = 0.7)");
        assertThat(methods.get("Adam + SAM ρ = 0.05")).isEqualTo("Adam + SAM (ρ = 0.05)");
        assertThat(methods.get("SGD")).isEqualTo("SGD");
        // More than three methods: the title names them without parameters.
        assertThat(model.title())
                .contains("SGD, ", "Adam, ", "Adam + SAM, ", "LookSAM, ", " and ")
                .endsWith(" on Fashion-MNIST, 2,000 images, 40% label noise, 15 epochs")
                .doesNotContain("ρ");
    }

    @Test
    void twoConfigurationsOfOneMethodAreToldApartByTheParameterThatDiffers(@TempDir Path dir) {
        Fixtures.writeTrainRun(dir.resolve("a"), 1, 0.8, "sam", "looksam", "looksam-alpha", 0.7);
        Fixtures.writeTrainRun(dir.resolve("b"), 1, 0.8, "sam", "looksam", "looksam-alpha", 0.9);
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.groups())
                .extracting(RunGroup::label)
                .containsExactly("LookSAM ρ = 0.05, k = 5, α = 0.7", "LookSAM ρ = 0.05, k = 5, α = 0.9");
        assertThat(model.title())
                .startsWith("LookSAM (ρ = 0.05, k = 5, α = 0.7) vs LookSAM (ρ = 0.05, k = 5, α = 0.9) on");
    }

    @Test
    void everyCatalogMethodHasItsPapersName() {
        for (String name : SamMethods.names()) {
            if (!"none".equals(name)) {
                assertThat(MethodNames.method(name)).as(name).isNotEqualTo(name);
            }
            for (String p : SamMethods.named(name).names()) {
                assertThat(MethodNames.symbol(p)).as("symbol of %s", p).isNotEmpty();
            }
        }
        assertThat(MethodNames.value("5.0E-4")).isEqualTo("0.0005");
        assertThat(MethodNames.value("0.10")).isEqualTo("0.1");
        assertThat(MethodNames.value("fashion-mnist")).isEqualTo("fashion-mnist");
    }

    /** A run without config.json keeps its old words: no method can be named. */
    @Test
    void aRunWithoutConfigIsNotCalledSgd(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("r"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1,\"test_accuracy\":0.5}\n");
        ReportModel model = ReportModel.load(List.of(dir));
        assertThat(model.groups()).extracting(RunGroup::label).containsExactly("runs");
        assertThat(model.groups().get(0).method()).isEqualTo("unknown (no config.json)");
        assertThat(model.title()).isEqualTo("runs");
    }
}
