package io.sam4j.zoo.signal;

import io.sam4j.zoo.data.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads beat-segmented signals in the CSV layout of the Kaggle "ECG Heartbeat Categorization"
 * release (Kachuee et al. 2018): no header, one signal per row, {@code length} amplitudes followed by
 * the class, which may be written as a float ({@code 1.000000000000000000e+00}).
 */
public final class SignalCsvReader {

    private SignalCsvReader() {}

    /**
     * Reads a file.
     *
     * @param file the CSV file
     * @param name the dataset's name
     * @param length amplitudes per row (the row has one more value, the class)
     * @param classNames the classes; a row's class must be an integer in [0, classNames.size())
     * @throws DatasetException naming the file and line of the first bad row
     */
    public static SignalDataset read(Path file, String name, int length, List<String> classNames) {
        float[] values = new float[1 << 16];
        int[] labels = new int[1 << 10];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if ((long) (rows + 1) * length > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * length));
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, labels.length * 2);
                }
                labels[rows] = parseRow(file, lineNumber, line, length, classNames.size(), values, rows * length);
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file missing", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (rows == 0) {
            throw new DatasetException(file + ": no rows");
        }
        return new SignalDataset(
                name, Arrays.copyOf(values, rows * length), length, Arrays.copyOf(labels, rows), classNames);
    }

    private static int parseRow(Path file, int line, String text, int length, int classes, float[] out, int offset) {
        String[] fields = text.split(",", -1);
        if (fields.length != length + 1) {
            throw new DatasetException(file + ":" + line + ": expected " + (length + 1) + " values (" + length
                    + " amplitudes and the class) but found " + fields.length);
        }
        for (int k = 0; k < length; k++) {
            out[offset + k] = number(file, line, k + 1, fields[k]);
        }
        double label = number(file, line, length + 1, fields[length]);
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new DatasetException(file + ":" + line + ": the class (value " + (length + 1)
                    + ") must be an integer " + "in [0, " + classes + ") but was " + fields[length].trim());
        }
        return (int) label;
    }

    private static float number(Path file, int line, int column, String text) {
        try {
            float v = Float.parseFloat(text.trim());
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetException(
                file + ":" + line + ": value " + column + " is not a finite number: '" + text.trim() + "'");
    }
}
