package io.sam4j.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measurements of one epoch.
 *
 * @param epoch the 1-based epoch
 * @param trainLoss mean clean-pass loss over the epoch's training steps
 * @param trainAccuracy clean-pass accuracy over the epoch's training steps
 * @param testLoss loss on the evaluation set after the epoch (NaN without one)
 * @param testAccuracy accuracy on the evaluation set after the epoch (NaN without one)
 * @param learningRate the learning rate of the epoch's last step
 * @param gradientNorm mean ‖g‖₂ of the clean gradients
 * @param epsilonNorm mean ‖ε‖₂ of SAM's ascent steps (0 without SAM)
 * @param trainSeconds wall time of the epoch's training loop, without evaluation
 * @param evalSeconds wall time of the evaluation
 * @param extra further scalars added by listeners (e.g. Hessian eigenvalues), by name
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        double learningRate,
        double gradientNorm,
        double epsilonNorm,
        double trainSeconds,
        double evalSeconds,
        Map<String, Double> extra) {

    /** Returns the scalars under the names logs use ({@code train_loss}, {@code test_accuracy}, …). */
    public Map<String, Double> scalars() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("train_loss", trainLoss);
        out.put("train_accuracy", trainAccuracy);
        out.put("test_loss", testLoss);
        out.put("test_accuracy", testAccuracy);
        out.put("lr", learningRate);
        out.put("grad_norm", gradientNorm);
        out.put("eps_norm", epsilonNorm);
        out.put("train_seconds", trainSeconds);
        out.put("eval_seconds", evalSeconds);
        out.putAll(extra);
        return out;
    }
}
