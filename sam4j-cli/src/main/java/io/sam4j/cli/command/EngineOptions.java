package io.sam4j.cli.command;

import ai.djl.Device;
import io.sam4j.cli.UserError;
import io.sam4j.core.device.Devices;
import picocli.CommandLine.Option;

/** The engine's threads and device, shared by every command that computes. */
public final class EngineOptions {

    /** The default number of PyTorch intra-op threads. */
    public static final int DEFAULT_THREADS = 2;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: 2).")
    int threads = DEFAULT_THREADS;

    @Option(
            names = "--device",
            paramLabel = "cpu|gpu|gpu:N",
            description = "Device of the model and every array (default: the engine's default device).")
    String device;

    /** Returns the device asked for, or null for the engine's default. */
    public String device() {
        return device;
    }

    /**
     * Returns the device asked for, else the engine's default.
     *
     * @throws UserError naming the device when the engine has no such device
     */
    public Device resolvedDevice() {
        if (device == null) {
            return Devices.defaultDevice();
        }
        try {
            return Devices.parse(device);
        } catch (IllegalArgumentException e) {
            throw new UserError("--device: " + e.getMessage());
        }
    }

    /** Returns the threads asked for. */
    public int threads() {
        return threads;
    }

    /**
     * Checks the value and makes PyTorch use it; effective when the engine has not started yet (it
     * has in tests that run several commands in one JVM).
     */
    public void apply() {
        if (threads < 1) {
            throw new UserError("--threads must be >= 1 but was " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
