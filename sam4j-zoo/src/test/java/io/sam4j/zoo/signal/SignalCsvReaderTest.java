package io.sam4j.zoo.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.zoo.data.DatasetException;
import io.sam4j.zoo.data.DatasetLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kaggle heartbeat CSV layout: 187 amplitudes then the class, written as floats. */
class SignalCsvReaderTest {

    private static final List<String> CLASSES = List.of("N", "S", "V", "F", "Q");

    /** A row as the Kaggle files write it: every value in scientific notation, the class too. */
    static String row(float[] amplitudes, int label) {
        StringBuilder s = new StringBuilder();
        for (float a : amplitudes) {
            s.append(String.format(Locale.ROOT, "%.18e,", a));
        }
        return s.append(String.format(Locale.ROOT, "%.18e", (double) label)).toString();
    }

    private static float[] ramp(float start) {
        float[] a = new float[187];
        for (int k = 0; k < 187; k++) {
            a[k] = start + k / 1000f;
        }
        return a;
    }

    @Test
    void readsRowsOfAmplitudesAndFloatWrittenClasses(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mitbih_train.csv");
        Files.writeString(file, row(ramp(0), 0) + "\n" + row(ramp(0.5f), 4) + "\n");
        SignalDataset data = SignalCsvReader.read(file, "mitbih", 187, CLASSES);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.labels()).containsExactly(0, 4);
        assertThat(data.values()[187 + 10]).isEqualTo(0.51f);
        assertThat(data.classCounts()).containsExactly(1, 0, 0, 0, 1);
    }

    @Test
    void aShortRowIsOneLineNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mitbih_train.csv");
        String shortRow = row(Arrays.copyOf(ramp(0), 186), 1);
        Files.writeString(file, row(ramp(0), 0) + "\n" + shortRow + "\n");
        assertThatThrownBy(() -> SignalCsvReader.read(file, "mitbih", 187, CLASSES))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ":2: expected 188 values (187 amplitudes and the class) but found 187");
    }

    @Test
    void aBadNumberOrClassIsOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, row(ramp(0), 5) + "\n");
        assertThatThrownBy(() -> SignalCsvReader.read(file, "mitbih", 187, CLASSES))
                .hasMessageStartingWith(file + ":1: the class (value 188) must be an integer in [0, 5) but was 5.0");
        Files.writeString(file, row(ramp(0), 1).replaceFirst("^[^,]*", "abc") + "\n");
        assertThatThrownBy(() -> SignalCsvReader.read(file, "mitbih", 187, CLASSES))
                .hasMessage(file + ":1: value 1 is not a finite number: 'abc'");
    }

    @Test
    void specsLocateTheirFilesAndSayWhereToGetThem(@TempDir Path dir) throws IOException {
        DatasetLocator locator = new DatasetLocator(Map.of(), dir.resolve("home"), dir.resolve("system"));
        SignalSpec ptb = SignalCatalog.get("ptbdb");
        assertThatThrownBy(() -> ptb.locate(locator, dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("dataset 'ptbdb' not found")
                .hasMessageContaining(SignalCatalog.KAGGLE)
                .hasMessageContaining("ptbdb_normal.csv, ptbdb_abnormal.csv");
        Files.createDirectories(dir.resolve("ptbdb"));
        Files.writeString(dir.resolve("ptbdb/ptbdb_normal.csv"), row(ramp(0), 0) + "\n" + row(ramp(0), 0) + "\n");
        Files.writeString(dir.resolve("ptbdb/ptbdb_abnormal.csv"), row(ramp(0), 1) + "\n");
        Path found = ptb.locate(locator, dir);
        SignalDataset pooled = ptb.readTrain(found);
        assertThat(pooled.labels()).containsExactly(0, 0, 1);
        assertThat(pooled.classNames()).containsExactly("normal", "abnormal");
    }
}
