package io.sam4j.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declaring a setting registers it: no list of settings can leave one out. */
class SettingsRegistryTest {

    @Test
    void everyDeclaredSettingIsInAll() throws Exception {
        List<String> missing = new ArrayList<>();
        int declared = 0;
        for (Field field : Settings.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && field.getType() == Setting.class) {
                declared++;
                Object setting = field.get(null);
                // By identity: a second Setting of the same name would not be the one the flags read.
                if (Settings.ALL.stream().noneMatch(s -> s == setting)) {
                    missing.add(field.getName());
                }
            }
        }
        assertThat(declared).as("Settings' public static final Setting fields").isGreaterThan(40);
        assertThat(missing)
                .as("settings declared in Settings but not in Settings.ALL")
                .isEmpty();
    }

    @Test
    void allHoldsEachSettingOnceWithTheSamParametersAfterAccumulate() {
        assertThat(Settings.ALL).doesNotHaveDuplicates();
        assertThat(Settings.ALL.get(0)).isSameAs(Settings.DATASET);
        int accumulate = Settings.ALL.indexOf(Settings.ACCUMULATE);
        assertThat(Settings.ALL.subList(accumulate + 1, accumulate + 1 + Settings.SAM_PARAMETERS.size()))
                .containsExactlyElementsOf(Settings.SAM_PARAMETERS);
        assertThat(Settings.ALL.get(accumulate + 1 + Settings.SAM_PARAMETERS.size()))
                .isSameAs(Settings.SEED);
        assertThat(Settings.ALL.get(Settings.ALL.size() - 1)).isSameAs(Settings.HESSIAN_TRACE);
    }

    @Test
    void aRecordBuilderNamesAComponentLeftUnset() {
        assertThatThrownBy(() -> RunSpec.DataSettings.builder().dataset("mnist").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kind was not set");
        assertThatThrownBy(() -> RunSpec.RunSettings.builder()
                        .seed(1)
                        .threads(2)
                        .evalEvery(1)
                        .hessianEvery(0)
                        .build())
                .hasMessage("hessianTrace was not set");
    }
}
