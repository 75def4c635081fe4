package io.sam4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.Origin;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingValues;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.checkpoint.Checkpoint;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.EpochMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records a run directory holds: written under the keys the report reads, and reconciled on resume. */
class RunRecordsTest {

    @TempDir
    Path dir;

    private static EpochMetrics epoch(int epoch) {
        return new EpochMetrics(
                epoch, 0.5 / epoch, 0.8, 0.6, 0.75 + epoch / 100.0, 0.1, 2.0, Double.NaN, 1.5, 0.25, Map.of());
    }

    private static JsonNode line(int epoch) {
        return ConfigFiles.JSON.valueToTree(MetricsFileListener.asJson(epoch(epoch)));
    }

    private static Checkpoint checkpoint(int epoch, String metadata) {
        return new Checkpoint(epoch, epoch * 10L, null, null, null, metadata);
    }

    /** Core names the scalars; the report reads them by RunKeys: the two must agree. */
    @Test
    void metricsLinesUseTheKeysTheReportReads() {
        assertThat(MetricsFileListener.asJson(epoch(1)).keySet())
                .containsExactlyElementsOf(RunKeys.Metrics.EVERY_EPOCH);
        assertThat(MetricsFileListener.asJson(epoch(1)).get(RunKeys.Metrics.EPS_NORM))
                .isNull();
    }

    @Test
    void aCheckpointCarriesItsEpochsMetricsLine() {
        Checkpoint withLine = checkpoint(2, CheckpointRecords.metadata(epoch(2), 7, identity(defaults())));
        assertThat(CheckpointRecords.metricsLine(withLine)).isEqualTo(line(2));
        assertThat(CheckpointRecords.metricsLine(checkpoint(2, "{\"epoch\":2,\"seed\":7}")))
                .isNull();
        assertThat(CheckpointRecords.metricsLine(checkpoint(2, "not json"))).isNull();
    }

    private static RunSpec defaults() {
        return SpecResolver.newRun(SpecResolver.Given.flags(SettingValues.empty()));
    }

    private static RunIdentity identity(RunSpec spec) {
        return RunIdentity.of(spec, new RunIdentity.DataIdentity("fashion-mnist", "ab".repeat(32), "/data/fm"));
    }

    @Test
    void aCheckpointRecordsWhatTheRunIsAndRefusesAConfigThatNoLongerMatchesIt() {
        RunSpec spec = defaults();
        String metadata = CheckpointRecords.metadata(epoch(1), 7, identity(spec));
        Path config = dir.resolve("config.json");
        Path checkpoint = dir.resolve("checkpoint.bin");
        RunIdentity read = RunIdentity.fromMetadata(metadata, checkpoint).orElseThrow();
        assertThat(read).isEqualTo(identity(spec));
        assertThat(read.data().sha256()).isEqualTo("ab".repeat(32));
        read.check(spec, config, checkpoint);
        // A setting --resume may change is no part of what the run is.
        read.check(spec.with(Settings.EPOCHS, 9, Origin.FLAG), config, checkpoint);

        assertThatThrownBy(() -> read.check(spec.with(Settings.RHO, 0.5, Origin.FLAG), config, checkpoint))
                .isInstanceOf(UserError.class)
                .hasMessage(config + " does not match the run its checkpoint records: 'rho' is 0.5 but the run"
                        + " trained with 0.05 (" + checkpoint + "); restore the file or train a new run");
        // Another data checksum is another digest; a record edited to match would no longer match its digest.
        assertThat(identity(spec).digest())
                .isNotEqualTo(RunIdentity.of(spec, new RunIdentity.DataIdentity("fashion-mnist", "cd".repeat(32), ""))
                        .digest());
        String forged = metadata.replace("ab".repeat(32), "cd".repeat(32));
        assertThatThrownBy(() -> RunIdentity.fromMetadata(forged, checkpoint))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not match its digest");
        assertThat(RunIdentity.fromMetadata("{\"epoch\":1}", checkpoint)).isEmpty();
    }

    private RunDirectory runWithLines(String text) throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), text, StandardCharsets.UTF_8);
        return new RunDirectory(dir);
    }

    private static String lines(int... epochs) {
        StringBuilder text = new StringBuilder();
        for (int e : epochs) {
            text.append(line(e)).append('\n');
        }
        return text.toString();
    }

    private List<JsonNode> fileLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
            out.add(ConfigFiles.JSON.readTree(l));
        }
        return out;
    }

    @Test
    void linesAfterTheCheckpointGo() throws Exception {
        RunDirectory run = runWithLines(lines(1, 2, 3));
        assertThat(run.reconcileMetrics(checkpoint(2, "{}"), line(2))).containsExactly(line(1), line(2));
        assertThat(fileLines()).containsExactly(line(1), line(2));
    }

    @Test
    void theCheckpointsMissingLineComesBack() throws Exception {
        RunDirectory run = runWithLines(lines(1));
        assertThat(run.reconcileMetrics(checkpoint(2, "{}"), line(2))).containsExactly(line(1), line(2));
        assertThat(fileLines()).containsExactly(line(1), line(2));
        // Without a stored line (an old checkpoint) nothing can be restored.
        RunDirectory old = runWithLines(lines(1));
        assertThat(old.reconcileMetrics(checkpoint(2, "{}"), null)).containsExactly(line(1));
    }

    @Test
    void aLineCutShortGoesAndIsRestoredFromTheCheckpoint() throws Exception {
        String whole = lines(1, 2);
        RunDirectory run = runWithLines(whole.substring(0, whole.length() - 20));
        assertThat(run.reconcileMetrics(checkpoint(2, "{}"), line(2))).containsExactly(line(1), line(2));
        assertThat(Files.readString(dir.resolve("metrics.jsonl"))).endsWith("\n");
        assertThat(fileLines()).containsExactly(line(1), line(2));
    }

    @Test
    void aLineOfTheFirstEpochIsRestoredIntoAMissingFile() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        assertThat(run.reconcileMetrics(checkpoint(1, "{}"), line(1))).containsExactly(line(1));
        assertThat(fileLines()).containsExactly(line(1));
    }
}
