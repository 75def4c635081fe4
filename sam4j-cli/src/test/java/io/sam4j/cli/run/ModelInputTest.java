package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sam4j.cli.spec.ConfigFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInputTest {

    @Test
    void roundTripsThroughJson() throws Exception {
        ModelInput input = new ModelInput(
                new Shape(3, 32, 32), 10, new Shape[] {new Shape(7, 14), new Shape(2, 12), new Shape(7)});
        String json = ConfigFiles.JSON.writeValueAsString(input.toJson());
        Map<String, Object> back = ConfigFiles.JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        assertThat(ModelInput.fromJson(back)).isEqualTo(input);
    }

    @Test
    void rejectsMalformedRecords() {
        assertThatThrownBy(() -> ModelInput.fromJson(Map.of("example", "3x32x32", "classes", 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed model_input");
        assertThatThrownBy(() -> new ModelInput(new Shape(1), 0, new Shape[] {new Shape(1, 1)}))
                .hasMessageContaining("got 0");
    }
}
