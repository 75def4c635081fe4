package io.sam4j.cli.run;

import ai.djl.Device;
import io.sam4j.cli.UserError;
import io.sam4j.core.device.Devices;

/** The device a run's manager is created on: what {@code --device} names, else the engine's default. */
final class RunDevice {

    private RunDevice() {}

    /**
     * Returns the device.
     *
     * @param name {@code cpu}, {@code gpu}, {@code gpu:N}, or null for the engine's default
     * @throws UserError naming the device when the engine has no such device
     */
    static Device of(String name) {
        if (name == null) {
            return Devices.defaultDevice();
        }
        try {
            return Devices.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--device: " + e.getMessage());
        }
    }
}
