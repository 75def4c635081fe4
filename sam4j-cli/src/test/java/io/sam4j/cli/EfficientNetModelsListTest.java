package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sam4j models list} for EfficientNet: torchvision's counts and each model's resolution. */
class EfficientNetModelsListTest {

    @Test
    void imageNetShapeGivesTorchvisionCountsAndResolutions() throws Exception {
        List<String> args = new ArrayList<>(List.of("models", "list", "resnet-50"));
        for (int b = 0; b <= 7; b++) {
            args.add("efficientnet-b" + b);
        }
        args.addAll(List.of("--input", "3x224x224", "--classes", "1000", "--json"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        long[] expected = {5_288_548, 7_794_184, 9_109_994, 12_233_232, 19_341_616, 30_389_784, 43_040_704, 66_347_960};
        int[] resolutions = {224, 240, 260, 300, 380, 456, 528, 600};
        JsonNode array = ConfigFiles.JSON.readTree(run.out());
        int found = 0;
        for (JsonNode row : array) {
            String name = row.get("name").asText();
            if (name.startsWith("efficientnet-b")) {
                int b = Integer.parseInt(name.substring("efficientnet-b".length()));
                assertThat(row.get("params").asLong()).as(name).isEqualTo(expected[b]);
                assertThat(row.get("resolution").asInt()).as(name).isEqualTo(resolutions[b]);
                found++;
            } else {
                assertThat(row.has("resolution")).as(name).isFalse();
            }
        }
        assertThat(found).isEqualTo(8);
    }

    @Test
    void withoutAnInputEachIsCountedAtItsOwnResolution() {
        CliRun run = CliRun.of("models", "list", "efficientnet-b3", "efficientnet-l2-475");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("efficientnet-b3\\s+12,233,232\\s+3x300x300")
                .containsPattern("efficientnet-l2-475\\s+[0-9,]+\\s+3x475x475");
    }
}
