package io.sam4j.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The grid: parsing, canonical values, the product with collapsing axes, run names, and one-line errors. */
class GridTest {

    private static final TrainOptions OPTIONS =
            TrainOptions.of(() -> new picocli.CommandLine(new io.sam4j.cli.command.TrainCommand()));

    /** Resolves only what the rules look at, independently of the CLI. */
    private static final Function<Map<String, String>, RunSpec> RESOLVE =
            flags -> flags.containsKey("sam") ? Specs.of("sam", flags.get("sam")) : Specs.of();

    private static Grid parse(String... texts) {
        return Grid.parse(List.of(texts), OPTIONS);
    }

    private static List<String> names(Grid grid, Map<String, String> shared) {
        return grid.expand(shared, RESOLVE).stream().map(SweepPoint::name).toList();
    }

    @Test
    void theIssuesExampleIsThreePlainRunsAndNineSamRuns() {
        Grid grid = parse("sam=none,sam rho=0.02,0.05,0.1 seed=1,2,3");
        assertThat(names(grid, Map.of()))
                .containsExactly(
                        "sam-none_seed-1",
                        "sam-none_seed-2",
                        "sam-none_seed-3",
                        "sam-sam_rho-0.02_seed-1",
                        "sam-sam_rho-0.02_seed-2",
                        "sam-sam_rho-0.02_seed-3",
                        "sam-sam_rho-0.05_seed-1",
                        "sam-sam_rho-0.05_seed-2",
                        "sam-sam_rho-0.05_seed-3",
                        "sam-sam_rho-0.1_seed-1",
                        "sam-sam_rho-0.1_seed-2",
                        "sam-sam_rho-0.1_seed-3");
    }

    @Test
    void pointsCarrySharedFlagsThenTheirAxisValues() {
        Map<String, String> shared = new LinkedHashMap<>(Map.of("epochs", "3"));
        List<SweepPoint> points = parse("sam=none,sam", "rho=0.1").expand(shared, RESOLVE);
        assertThat(points).hasSize(2);
        assertThat(points.get(0).flags()).containsExactly(Map.entry("epochs", "3"), Map.entry("sam", "none"));
        assertThat(points.get(1).flags())
                .containsExactly(Map.entry("epochs", "3"), Map.entry("sam", "sam"), Map.entry("rho", "0.1"));
        assertThat(OPTIONS.toArgs(points.get(1).flags()))
                .containsExactly("--epochs", "3", "--sam", "sam", "--rho", "0.1");
    }

    @Test
    void etaAppliesOnlyToAsamAndMToBothSamVariants() {
        Grid grid = parse("sam=none,sam,asam eta=0.01,0.1 m=0,8");
        assertThat(names(grid, Map.of()))
                .containsExactly(
                        "sam-none",
                        "sam-sam_m-0",
                        "sam-sam_m-8",
                        "sam-asam_eta-0.01_m-0",
                        "sam-asam_eta-0.01_m-8",
                        "sam-asam_eta-0.1_m-0",
                        "sam-asam_eta-0.1_m-8");
    }

    @Test
    void aSharedSamFlagCollapsesRhoEverywhere() {
        assertThat(names(parse("rho=0.05,0.1 seed=1,2"), Map.of("sam", "none"))).containsExactly("seed-1", "seed-2");
        assertThat(names(parse("rho=0.05,0.1"), Map.of("sam", "none"))).containsExactly(RunNames.SINGLE);
    }

    @Test
    void numbersAreCanonicalAndNamesAreSafe() {
        Grid grid = parse("rho=0.050,5E-3,1 lr=+2.0 seed=07 augment=cutout:8 nesterov=TRUE,false");
        assertThat(grid.spec()).isEqualTo("rho=0.05,0.005,1 lr=2 seed=7 augment=cutout:8 nesterov=true,false");
        assertThat(names(grid, Map.of()).get(0)).isEqualTo("rho-0.05_lr-2_seed-7_augment-cutout-8_nesterov-true");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("nesterov", "true");
        flags.put("momentum", "0.9");
        assertThat(OPTIONS.toArgs(flags)).containsExactly("--nesterov", "--momentum", "0.9");
        assertThat(OPTIONS.toArgs(Map.of("nesterov", "false"))).containsExactly("--no-nesterov");
    }

    @Test
    void unknownAxisSuggestsTheOption() {
        assertThatThrownBy(() -> parse("rhoo=0.1"))
                .isInstanceOf(UserError.class)
                .hasMessage("--grid: unknown axis 'rhoo'; axes are 'sam4j train' options (did you mean 'rho'?)");
    }

    @Test
    void emptyValuesAreNamed() {
        assertThatThrownBy(() -> parse("rho=")).hasMessage("--grid: axis 'rho' has no values (write rho=V1,V2,...)");
        assertThatThrownBy(() -> parse("rho=0.1,,0.2"))
                .hasMessage("--grid: axis 'rho' has an empty value in 'rho=0.1,,0.2'");
        assertThatThrownBy(() -> parse("rho=0.1,")).hasMessage("--grid: axis 'rho' has an empty value in 'rho=0.1,'");
        assertThatThrownBy(() -> parse("   ")).hasMessageStartingWith("--grid is empty");
    }

    @Test
    void badNumbersAreNamed() {
        assertThatThrownBy(() -> parse("rho=0.1,abc"))
                .hasMessage("--grid: axis 'rho' takes numbers but 'abc' is not one");
        assertThatThrownBy(() -> parse("rho=NaN")).hasMessage("--grid: axis 'rho' takes numbers but 'NaN' is not one");
        assertThatThrownBy(() -> parse("seed=1,2.5"))
                .hasMessage("--grid: axis 'seed' takes whole numbers but '2.5' is not one");
        assertThatThrownBy(() -> parse("epochs=three"))
                .hasMessage("--grid: axis 'epochs' takes whole numbers but 'three' is not one");
        assertThatThrownBy(() -> parse("nesterov=yes"))
                .hasMessage("--grid: axis 'nesterov' takes true or false but was 'yes'");
    }

    @Test
    void malformedRepeatedAndReservedAxesAreRejected() {
        assertThatThrownBy(() -> parse("rho")).hasMessage("--grid: 'rho' is not AXIS=V1,V2,... (e.g. rho=0.05,0.1)");
        assertThatThrownBy(() -> parse("=1")).hasMessage("--grid: '=1' has no axis name before '='");
        assertThatThrownBy(() -> parse("seed=1", "seed=2"))
                .hasMessage("--grid: axis 'seed' is given twice; list all its values once");
        assertThatThrownBy(() -> parse("rho=0.1,0.10")).hasMessage("--grid: axis 'rho' lists 0.1 twice");
        assertThatThrownBy(() -> parse("out=a,b")).hasMessageStartingWith("--grid: 'out' cannot be an axis");
        assertThatThrownBy(() -> parse("lr-milestones=0.5"))
                .hasMessageStartingWith("--grid: 'lr-milestones' takes a list");
    }

    @Test
    void anAxisThatIsAlsoAFlagAndAnInvalidPointFailBeforeAnyRun() {
        assertThatThrownBy(() -> parse("rho=0.1").expand(Map.of("rho", "0.2"), RESOLVE))
                .hasMessage("--rho is given both as a flag and as a grid axis; keep one");
        assertThatThrownBy(() -> parse("sam=sam,sgd").expand(Map.of(), RESOLVE))
                .hasMessageStartingWith(
                        "sweep run sam-sgd: --sam must be one of none, sam, asam, rst, looksam, late-sam, ae-sam, ae-looksam, esam, msam, gsam, fsam, sam-on but was 'sgd'");
    }

    @Test
    void namesThatWouldClashAreRejected() {
        assertThatThrownBy(() -> parse("augment=cutout:8,cutout_8").expand(Map.of(), RESOLVE))
                .hasMessageContaining("would share the directory name 'augment-cutout-8'");
    }
}
