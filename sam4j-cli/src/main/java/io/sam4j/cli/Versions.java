package io.sam4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Versions of sam4j and its stack, and the git commit of the checkout the CLI runs from. */
public final class Versions {

    private static final Properties PROPERTIES = load();

    private Versions() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("sam4j.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Versions are informative; an unreadable resource must not stop a run.
        }
        return p;
    }

    /** Returns sam4j's version. */
    public static String sam4j() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** Returns the pinned DJL version. */
    public static String djl() {
        return PROPERTIES.getProperty("djl.version", "unknown");
    }

    /** Returns the pinned PyTorch version. */
    public static String pytorch() {
        return PROPERTIES.getProperty("pytorch.version", "unknown");
    }

    /**
     * Returns the commit of the git checkout that holds the running jar, read from {@code .git}
     * without running git; empty when the jar is not inside a checkout.
     */
    public static Optional<String> gitCommit() {
        try {
            Path location = Path.of(Versions.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isDirectory(git)) {
                    return resolveHead(git);
                }
            }
        } catch (Exception e) {
            // Not knowing the commit is a normal case (an installed jar); provenance records null.
        }
        return Optional.empty();
    }

    private static Optional<String> resolveHead(Path git) throws IOException {
        String head = Files.readString(git.resolve("HEAD")).trim();
        if (!head.startsWith("ref: ")) {
            return Optional.of(head);
        }
        String ref = head.substring(5);
        Path loose = git.resolve(ref);
        if (Files.exists(loose)) {
            return Optional.of(Files.readString(loose).trim());
        }
        Path packed = git.resolve("packed-refs");
        if (Files.exists(packed)) {
            for (String line : Files.readAllLines(packed)) {
                if (line.endsWith(" " + ref)) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }
}
