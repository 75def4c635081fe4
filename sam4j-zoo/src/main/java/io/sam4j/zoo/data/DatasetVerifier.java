package io.sam4j.zoo.data;

import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks a dataset folder's files against the checksums in its {@link DatasetSpec}. */
public final class DatasetVerifier {

    private DatasetVerifier() {}

    /**
     * @param spec the dataset
     * @param datasetDir the dataset's folder, {@code <root>/<spec.folder()>}
     * @return one result per file, in spec order
     */
    public static List<FileCheck> verify(DatasetSpec spec, Path datasetDir) {
        return verify(spec, datasetDir, DatasetOptions.DEFAULT);
    }

    /** As {@link #verify(DatasetSpec, Path)} for the files that {@code options} need. */
    public static List<FileCheck> verify(DatasetSpec spec, Path datasetDir, DatasetOptions options) {
        List<FileCheck> results = new ArrayList<>();
        for (DatasetFile file : spec.loader().files(spec, options)) {
            results.add(check(file, spec.loader().fileIn(spec, datasetDir, file)));
        }
        return List.copyOf(results);
    }

    /** @return the result for one file at {@code path} */
    static FileCheck check(DatasetFile file, Path path) {
        if (!Files.isRegularFile(path)) {
            return new FileCheck(file.fileName(), path, FileCheck.Status.MISSING, file.sha256(), null);
        }
        String actual;
        try {
            actual = Hashing.sha256Hex(path);
        } catch (IOException e) {
            throw new DatasetException(path + ": cannot read for hashing (" + e + ")", e);
        }
        FileCheck.Status status;
        // A published checksum is of the file as published; another form of it (uncompressed) has none.
        if (!file.hasChecksum() || !path.getFileName().toString().equals(file.fileName())) {
            status = FileCheck.Status.NO_PUBLISHED_CHECKSUM;
        } else if (file.accepts(actual)) {
            status = FileCheck.Status.OK;
        } else {
            status = FileCheck.Status.CHECKSUM_MISMATCH;
        }
        return new FileCheck(file.fileName(), path, status, file.sha256(), actual);
    }
}
