package io.sam4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests that need an outside tool (Slurm, Chromium): on a developer's machine a missing tool skips
 * the test, but in CI ({@code CI=true}, which GitHub Actions and .ci/run set) it fails it, so that CI
 * cannot pass without running the test. Shared with sam4j-cli and sam4j-report through sam4j-core's
 * test-jar.
 */
public final class RequiredTool {

    private RequiredTool() {}

    /**
     * Skips the calling test when {@code present} is false, or fails it when the environment says CI.
     *
     * @param present whether the tool was found and answers
     * @param missing what is missing and how to provide it
     */
    public static void assumeToolOrFailInCi(boolean present, String missing) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, and " + missing);
        }
        assumeTrue(present, missing);
    }
}
