package io.sam4j.core.weights;

import java.io.IOException;
import java.nio.file.Path;

/** A weights file that is not what its format promises; the message names the file. */
public final class WeightsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the offending file
     * @param problem what is wrong, e.g. "header length 900 exceeds the file size 40"
     */
    public WeightsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
