package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sam4j.report.model.PassCount;
import io.sam4j.report.run.RunReader;
import io.sam4j.report.run.RunRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report counts the SAM steps of a method that chooses per step from the run's eps_norm: a SAM
 * step's ‖ε‖ is ρ and a base step's 0. Checked on a real run whose SAM steps are known in advance:
 * late-phase SAM with sam-start 0.5 over 2 epochs trains epoch 1 with SGD and epoch 2 with SAM, so half
 * its steps take two passes: 1.5 passes per step.
 */
class ReportPassCountTest {

    @Test
    void lateSamsCountedPassesAreTheStepsItTookWithSam(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("late");
        CliRun run = CliRun.of(
                "train",
                "--sam",
                "late-sam",
                "--sam-start",
                "0.5",
                "--rho",
                "0.1",
                "--train-limit",
                "256",
                "--test-limit",
                "50",
                "--batch-size",
                "64",
                "--epochs",
                "2",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        RunRecord record = RunReader.read("late", out);
        double[] eps = record.series("eps_norm");
        assertThat(eps).hasSize(2);
        assertThat(eps[0]).as("epoch 1: SGD steps only").isZero();
        assertThat(eps[1]).as("epoch 2: SAM steps, ‖ε‖ = ρ").isCloseTo(0.1, within(1e-6));
        PassCount passes = PassCount.of(record);
        assertThat(passes.source()).isEqualTo(PassCount.Source.COUNTED);
        assertThat(passes.perStep()).isCloseTo(1.5, within(1e-6));
    }
}
