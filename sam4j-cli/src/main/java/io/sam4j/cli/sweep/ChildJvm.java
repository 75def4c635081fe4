package io.sam4j.cli.sweep;

import io.sam4j.core.run.NativeCrash;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of a run's JVM: the same {@code java}, JVM options (heap size,
 * system properties) and class path as this one. A run needs its own JVM because DJL allows one
 * training (one gradient collector) per JVM.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * Returns {@code java <options> -XX:ErrorFile=RUN_DIR/hs_err_pid%p.log -cp <class path> SweepWorker
     * RUN_DIR [--watch-parent PID]}.
     */
    public static List<String> workerCommand(Path runDir, boolean watchParent) {
        String dir = runDir.toAbsolutePath().toString();
        List<String> command = workerJava(dir);
        command.add(dir);
        if (watchParent) {
            command.add("--watch-parent");
            command.add(String.valueOf(ProcessHandle.current().pid()));
        }
        return command;
    }

    /**
     * Returns {@code java <options> -XX:ErrorFile=... -cp <class path> SweepWorker}, to which a run
     * directory is appended. A JVM that dies in native code (libtorch) writes its error file into
     * the run directory, where the sweep and the report find it ({@link NativeCrash}).
     *
     * @param runDir the run directory as the command line spells it (a shell variable in a script)
     */
    public static List<String> workerJava(String runDir) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions());
        command.add("-XX:ErrorFile=" + runDir + "/" + NativeCrash.FILE_PATTERN);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SweepWorker.class.getName());
        return command;
    }

    /** Returns the environment a run needs on top of the inherited one: offline DJL, and its thread count. */
    public static Map<String, String> environment(int threads) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DJL_OFFLINE", "true");
        env.put("OPT_OUT_TRACKING", "true");
        env.put("OMP_NUM_THREADS", String.valueOf(threads));
        return env;
    }

    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's options, less those that cannot be shared by two JVMs (debug ports, agents). */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-agentlib")
                    || option.startsWith("-javaagent")
                    || option.startsWith("-Xdebug")
                    || option.startsWith("-Xrunjdwp")
                    || option.startsWith("-XX:Flight")
                    || option.startsWith("-XX:ErrorFile")) {
                continue;
            }
            options.add(option);
        }
        return options;
    }
}
