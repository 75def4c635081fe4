package io.sam4j.core.sam;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.GradientPass;
import io.sam4j.core.train.PassResult;
import io.sam4j.core.train.Updates;
import io.sam4j.core.train.WeightDecay;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The two passes of SAM on one group of examples: the clean gradient at w, and the gradient at w + ε
 * with the weights restored bitwise afterwards. An in-loss {@link WeightDecay} adds λ·w to both, at
 * the weights each was taken at, as in the official JAX code. Both passes take the same engine seed,
 * so dropout masks agree between them.
 */
final class SamGroupPass {

    private final GradientPass pass;
    private final WeightDecay weightDecay;

    SamGroupPass(GradientPass pass, WeightDecay weightDecay) {
        this.pass = pass;
        this.weightDecay = weightDecay;
    }

    /**
     * Runs the clean pass: g = ∇L(w) (+ λ·w).
     *
     * @throws io.sam4j.core.train.NonFiniteLossException if the loss is not finite
     */
    PassResult clean(Batch group, long engineSeed, NDManager out) {
        return clean(group, engineSeed, out, false);
    }

    /** Runs the clean pass, with each example's loss when {@code exampleLosses}. */
    PassResult clean(Batch group, long engineSeed, NDManager out, boolean exampleLosses) {
        PassResult clean = pass.run(group, engineSeed, out, GradientPass.At.WEIGHTS, exampleLosses);
        Updates.checkFinite(clean.loss());
        weightDecay.addGradient(pass.parameters().trainable(), clean.gradients());
        return clean;
    }

    /**
     * Runs the perturbed pass: ∇L(w + ε) (+ λ·(w + ε)), then writes {@code weights} back.
     *
     * @param epsilon ε, one array per trainable parameter; consumed
     * @param weights a copy of w, written back bitwise whatever happens
     * @throws io.sam4j.core.train.NonFiniteLossException if the loss is not finite
     */
    PassResult perturbed(Batch group, long engineSeed, NDList epsilon, NDList weights, NDManager out) {
        return runPerturbed(group, engineSeed, epsilon, weights, out, UnaryOperator.identity());
    }

    /**
     * Runs the perturbed pass on the examples {@code select} picks, given every example's loss at
     * w + ε from a gradient-free forward pass: ∇L_S(w + ε) (+ λ·(w + ε)), S = select(losses). Then
     * writes {@code weights} back. The model state the forward moves is the caller's to restore, as
     * after {@link #perturbed}.
     *
     * @param epsilon ε, one array per trainable parameter; consumed
     */
    PassResult perturbedOn(
            Batch group,
            long engineSeed,
            NDList epsilon,
            NDList weights,
            NDManager out,
            Function<float[], Batch> select) {
        return runPerturbed(
                group, engineSeed, epsilon, weights, out, at -> select.apply(pass.exampleLosses(at, engineSeed, out)));
    }

    /** Moves w to w + ε, runs the pass on {@code choose(group)} there and writes {@code weights} back. */
    private PassResult runPerturbed(
            Batch group, long engineSeed, NDList epsilon, NDList weights, NDManager out, UnaryOperator<Batch> choose) {
        List<Parameter> trainable = pass.parameters().trainable();
        PassResult perturbed;
        try {
            for (int p = 0; p < trainable.size(); p++) {
                trainable.get(p).getArray().addi(epsilon.get(p));
            }
            epsilon.close();
            perturbed = pass.run(choose.apply(group), engineSeed, out, GradientPass.At.PERTURBED);
            weightDecay.addGradient(trainable, perturbed.gradients());
        } finally {
            pass.parameters().restoreTrainable(weights);
        }
        Updates.checkFinite(perturbed.loss());
        return perturbed;
    }
}
