package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import org.junit.jupiter.api.Test;

/** {@code sam4j models list} for the ImageNet and CIFAR families added with weight exchange. */
class ModelsListTest {

    @Test
    void imageNetShapeGivesTorchvisionCounts() throws Exception {
        CliRun run = CliRun.of(
                "models", "list", "resnet-18", "resnet-152", "--input", "3x224x224", "--classes", "1000", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode array = ConfigFiles.JSON.readTree(run.out());
        assertThat(array.get(0).get("name").asText()).isEqualTo("resnet-18");
        assertThat(array.get(0).get("params").asLong()).isEqualTo(11_689_512L);
        assertThat(array.get(1).get("params").asLong()).isEqualTo(60_192_808L);
    }

    @Test
    void defaultListShowsTheSamPaperModels() {
        CliRun run = CliRun.of("models", "list");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("shake-shake-26-2x96d\\s+26,192,922")
                .containsPattern("pyramidnet-272-200-shakedrop\\s+26,046,428");
    }
}
