package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.standard();

    @Test
    void listsNamesWithPatternsShownByExample() {
        assertThat(catalog.names())
                .containsExactly(
                        "mlp",
                        "cnn",
                        "resnet-20",
                        "resnet-32",
                        "resnet-56",
                        "wrn-D-K (e.g. wrn-16-4, wrn-28-10)",
                        "shake-shake-D-2xKd (e.g. shake-shake-26-2x96d)",
                        "pyramidnet-D-A[-shakedrop] (e.g. pyramidnet-110-48, pyramidnet-272-200-shakedrop)",
                        "resnet-18",
                        "resnet-34",
                        "resnet-50",
                        "resnet-101",
                        "resnet-152",
                        "[tf-]efficientnet-VARIANT (b0 ... b8, l2, l2-475, b0-narrow; tf-: TensorFlow padding)",
                        "transformer-ts-SIZE (tiny, small, base, study = transformer-ts)",
                        "gcn-SIZE[-sum] (small, base, study = gcn)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mlp, mlp, ''",
        "cnn, cnn, ''",
        "' CNN ', cnn, ''",
        "resnet-20, resnet-20, 20",
        "ResNet-110, resnet-110, 110",
        "wrn-28-10, wrn-28-10, 28;10",
        "wrn-16-4, wrn-16-4, 16;4",
    })
    void resolvesNamesCaseInsensitively(String input, String canonical, String arguments) {
        ModelSpec spec = catalog.resolve(input);
        assertThat(spec.name()).isEqualTo(canonical);
        List<Integer> expected = arguments.isEmpty()
                ? List.of()
                : Arrays.stream(arguments.split(";")).map(Integer::valueOf).toList();
        assertThat(spec.arguments()).isEqualTo(expected);
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsTheKnownOnes() {
        assertThatThrownBy(() -> catalog.resolve("wrn-28"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'wrn-28' (did you mean 'wrn-28-10'?); known: mlp, cnn,"
                        + " resnet-20, resnet-32, resnet-56, wrn-D-K (e.g. wrn-16-4,"
                        + " wrn-28-10), shake-shake-D-2xKd (e.g. shake-shake-26-2x96d),"
                        + " pyramidnet-D-A[-shakedrop] (e.g. pyramidnet-110-48,"
                        + " pyramidnet-272-200-shakedrop), resnet-18, resnet-34, resnet-50,"
                        + " resnet-101, resnet-152, [tf-]efficientnet-VARIANT (b0 ... b8, l2, l2-475,"
                        + " b0-narrow; tf-: TensorFlow padding),"
                        + " transformer-ts-SIZE (tiny, small, base, study ="
                        + " transformer-ts), gcn-SIZE[-sum] (small, base, study = gcn)");
        assertThatThrownBy(() -> catalog.resolve("resent-56"))
                .hasMessageStartingWith("unknown model 'resent-56' (did you mean 'resnet-56'?);");
    }

    @Test
    void farFetchedNameGetsNoSuggestion() {
        assertThatThrownBy(() -> catalog.resolve("vision-transformer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown model 'vision-transformer'; known: mlp, cnn,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet-21", "resnet-2", "wrn-27-10", "wrn-4-2", "wrn-16-0"})
    void rejectsDepthsAndWidthsTheArchitectureCannotHave(String name) {
        assertThatThrownBy(() -> catalog.resolve(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageMatching(".*(6n\\+2|6n\\+4|widen factor).*");
    }

    @Test
    void validatesBuildArgumentsWithTheOffendingValue() {
        ModelSpec cnn = catalog.resolve("cnn");
        assertThatThrownBy(() -> catalog.build(cnn, new Shape(28, 28), 10, ModelOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(28, 28)");
        assertThatThrownBy(() -> catalog.build(cnn, Networks.FASHION_MNIST, 0, ModelOptions.DEFAULTS))
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> ModelOptions.DEFAULTS.withDropout(1f)).hasMessageContaining("got 1.0");
        assertThatThrownBy(
                        () -> catalog.build("resnet-20", Networks.CIFAR, 10, ModelOptions.DEFAULTS.withDropout(0.3f)))
                .hasMessageContaining("resnet-20")
                .hasMessageContaining("got 0.3");
        assertThatThrownBy(() -> catalog.build(cnn, new Shape(1, 3, 3), 10, ModelOptions.DEFAULTS))
                .hasMessageContaining("(1, 3, 3)");
    }

    @Test
    void describesModelsWithTheirPaper() {
        ModelInfo info = catalog.info(catalog.resolve("wrn-16-4"), Networks.CIFAR, 10);
        assertThat(info.name()).isEqualTo("wrn-16-4");
        assertThat(info.description()).contains("16/64/128/256");
        assertThat(info.citation()).contains("Zagoruyko").contains("Wide Residual Networks");
        assertThat(info.parameterCount()).isEqualTo(2_748_890);
        assertThat(catalog.info(catalog.resolve("resnet-56"), Networks.CIFAR, 10)
                        .citation())
                .contains("Deep Residual Learning");
    }

    @Test
    void acceptsNewFamilies() {
        ModelFamily linear = new ModelFamily() {
            @Override
            public List<String> displayNames() {
                return List.of("linear");
            }

            @Override
            public List<String> exampleNames() {
                return List.of("linear");
            }

            @Override
            public Optional<ModelSpec> parse(String name) {
                return name.equals("linear") ? Optional.of(new ModelSpec(name, this, List.of())) : Optional.empty();
            }

            @Override
            public Block build(ModelSpec spec, Shape input, int classes, ModelOptions o) {
                return new NamedSequentialBlock()
                        .add("flatten", Layers.flatten())
                        .add("classifier", Layers.linear(classes));
            }

            @Override
            public String description(ModelSpec spec) {
                return "logistic regression";
            }

            @Override
            public String citation() {
                return "Cox 1958";
            }
        };
        ModelCatalog extended = catalog.with(linear);
        assertThat(extended.names()).endsWith("linear");
        assertThat(extended.info(extended.resolve("linear"), Networks.FASHION_MNIST, 10)
                        .parameterCount())
                .isEqualTo(784 * 10 + 10);
        assertThatThrownBy(() -> catalog.resolve("linear")).hasMessageContaining("unknown model");
    }
}
