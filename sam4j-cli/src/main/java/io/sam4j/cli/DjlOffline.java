package io.sam4j.cli;

/**
 * DJL's system properties for sam4j's processes: offline (DJL otherwise calls the network at start-up), no
 * tracking, and PyTorch's graph optimizer off. Set before any DJL class loads, by the command line
 * ({@link Sam4j}) and by a sweep's worker processes.
 */
public final class DjlOffline {

    private DjlOffline() {}

    /** Sets the properties. */
    public static void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    }
}
