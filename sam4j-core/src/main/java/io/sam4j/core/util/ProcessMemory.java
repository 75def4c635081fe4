package io.sam4j.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The memory this process holds and the memory the machine has left, read from Linux's
 * {@code /proc}. Native (PyTorch) memory never shows in the Java heap, so this is the only measure
 * of what tensors cost. Every method is empty where {@code /proc} is missing or unreadable.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private ProcessMemory() {}

    /** Returns the resident set size (VmRSS) in bytes. */
    public static OptionalLong residentBytes() {
        return kilobytes(STATUS, "VmRSS").stream().map(kb -> kb * 1024).findFirst();
    }

    /** Returns the peak resident set size (VmHWM) in bytes. */
    public static OptionalLong peakResidentBytes() {
        return kilobytes(STATUS, "VmHWM").stream().map(kb -> kb * 1024).findFirst();
    }

    /** Returns the memory available to new allocations without swapping (MemAvailable) in bytes. */
    public static OptionalLong availableBytes() {
        return kilobytes(MEMINFO, "MemAvailable").stream().map(kb -> kb * 1024).findFirst();
    }

    /** Returns the value of a {@code Key:   123 kB} line of {@code file}. */
    static OptionalLong kilobytes(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + ":")) {
                    return OptionalLong.of(Long.parseLong(
                            line.substring(key.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
