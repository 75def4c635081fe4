package io.sam4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests that need an outside tool (TensorBoard's Python reader): on a developer's machine a
 * missing tool skips the test, but in CI ({@code CI=true}, which .ci/run sets) it fails it, so that
 * CI cannot pass without running the test. The same class as sam4j-cli's and sam4j-report's, until
 * the modules share a test-fixtures jar.
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
