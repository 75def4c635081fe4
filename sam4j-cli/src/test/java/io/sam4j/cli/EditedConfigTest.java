package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's config.json edited by hand is refused, not believed: by {@code --resume} and {@code eval}, in
 * one line naming the first setting that no longer matches the checkpoint; duplicate keys and trailing
 * content are refused naming the file and the place. Leftover temporary files of a killed write go.
 */
class EditedConfigTest {

    @TempDir
    static Path dir;

    static Path run;
    static String config;

    @BeforeAll
    static void trainOneOfTwoEpochs() throws Exception {
        run = dir.resolve("run");
        CliRun r = CliRun.of(
                "train",
                "--out",
                run.toString(),
                "--model",
                "mlp",
                "--train-limit",
                "200",
                "--test-limit",
                "100",
                "--batch-size",
                "50",
                "--epochs",
                "2",
                "--stop-after",
                "1",
                "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        config = Files.readString(run.resolve("config.json"));
    }

    private static Path runWithConfig(String name, String text) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(name));
        for (String file : new String[] {"checkpoint.bin", "metrics.jsonl"}) {
            Files.copy(run.resolve(file), copy.resolve(file));
        }
        Files.writeString(copy.resolve("config.json"), text);
        return copy;
    }

    private static void assertOneLine(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err()).startsWith("sam4j: error: " + message);
    }

    @Test
    void anEditedFixedSettingIsRefusedByResumeAndEval() throws Exception {
        assertThat(config).contains("\"rho\" : 0.05");
        Path edited = runWithConfig("edited", config.replace("\"rho\" : 0.05", "\"rho\" : 0.5"));
        String refusal = edited.resolve("config.json") + " does not match the run its checkpoint records: 'rho' is 0.5"
                + " but the run trained with 0.05 (" + edited.resolve("checkpoint.bin") + ")";
        assertOneLine(CliRun.of("train", "--resume", edited.toString(), "--quiet"), refusal);
        assertOneLine(CliRun.of("eval", edited.toString()), refusal);
        assertThat(Files.readAllLines(edited.resolve("metrics.jsonl")))
                .as("nothing trained")
                .hasSize(1);

        // A setting --resume may change is no part of what the run is: the unedited copy resumes.
        Path same = runWithConfig("same", config);
        Files.writeString(same.resolve(".checkpoint.bin.tmp-4x9kq"), "a write a kill interrupted");
        CliRun resumed = CliRun.of("train", "--resume", same.toString(), "--quiet");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(same.resolve("metrics.jsonl"))).hasSize(2);
        assertThat(same.resolve(".checkpoint.bin.tmp-4x9kq")).doesNotExist();
    }

    @Test
    void aDuplicateKeyOrTrailingContentIsRefusedNamingThePlace() throws Exception {
        Path twice = runWithConfig("twice", config.replaceFirst("\"rho\" : 0.05,", "\"rho\" : 0.05, \"rho\" : 0.5,"));
        CliRun r = CliRun.of("eval", twice.toString());
        assertOneLine(r, twice.resolve("config.json") + " line ");
        assertThat(r.err()).contains("Duplicate field 'rho'");

        Path trailing = runWithConfig("trailing", config + "\n{\"sam\": \"gsam\"}\n");
        CliRun t = CliRun.of("train", "--resume", trailing.toString());
        assertOneLine(t, trailing.resolve("config.json") + " line ");
        assertThat(t.err()).containsIgnoringCase("trailing token");
    }
}
