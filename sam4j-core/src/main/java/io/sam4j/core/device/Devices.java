package io.sam4j.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the device names a user types ({@code cpu}, {@code gpu}, {@code gpu:N}) into DJL {@link
 * Device}s that the engine can actually use.
 *
 * <p>A device the engine does not have fails here, with one line, rather than deep inside the first
 * array allocation: DJL's PyTorch engine with the CPU build of libtorch reports no GPU at all.
 */
public final class Devices {

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,4}))?");

    private Devices() {}

    /**
     * Returns the device named {@code name} on the default engine.
     *
     * @param name {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N} (0-based), any case
     * @return the device
     * @throws IllegalArgumentException with one line if the name is malformed or the engine has no
     *     such device
     */
    public static Device parse(String name) {
        return parse(name, Engine.getInstance());
    }

    /**
     * Returns the device named {@code name} on {@code engine}.
     *
     * @param name {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param engine the engine that must have the device
     * @return the device
     * @throws IllegalArgumentException with one line if the name is malformed or the engine has no
     *     such device
     */
    public static Device parse(String name, Engine engine) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("cpu")) {
            return Device.cpu();
        }
        Matcher gpu = GPU.matcher(key);
        if (!gpu.matches()) {
            throw new IllegalArgumentException("device '" + name + "' is not one of cpu, gpu, gpu:N");
        }
        int index = gpu.group(1) == null ? 0 : Integer.parseInt(gpu.group(1));
        int count = engine.getGpuCount();
        if (count == 0) {
            throw new IllegalArgumentException("device '" + name + "' is not available: the " + engine.getEngineName()
                    + " engine sees no GPU (CPU-only native library, or no CUDA driver); see docs/library.md, GPU");
        }
        if (index >= count) {
            throw new IllegalArgumentException("device '" + name + "' is not available: the " + engine.getEngineName()
                    + " engine sees " + count + " GPU(s), gpu:0 to gpu:" + (count - 1));
        }
        return Device.gpu(index);
    }

    /** Returns the default engine's default device: the first GPU where it has one, else the CPU. */
    public static Device defaultDevice() {
        return Engine.getInstance().defaultDevice();
    }

    /** Returns the name {@link #parse} reads back for {@code device}: {@code cpu} or {@code gpu:N}. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
