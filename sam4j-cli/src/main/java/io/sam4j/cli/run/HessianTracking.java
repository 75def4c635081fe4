package io.sam4j.cli.run;

import io.sam4j.analysis.hessian.EvalLoss;
import io.sam4j.analysis.hessian.HessianListener;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.TrainingListener;
import java.util.List;

/** Builds the listener of {@code sam4j train --hessian-every E [--hessian-trace]}. */
final class HessianTracking {

    /** The fixed sample, the same at every epoch: this many batches of the run's batch size (cheap next to an epoch). */
    static final int BATCHES = 2;
    /** Power iterations per estimate: λmax to about 1e-3 on the models here, early in training too. */
    static final int ITERATIONS = 20;

    static final int TRACE_PROBES = 10;

    private HessianTracking() {}

    /** Returns the listener for the session's spec (which must have {@code hessian-every} ≥ 1). */
    static TrainingListener listener(TrainingSession session) {
        int batchSize = session.spec().data().batchSize();
        List<Batch> sample = session.data()
                .trainSample(BATCHES * batchSize, batchSize, session.seeds().of(Seeds.Stream.HESSIAN));
        EvalLoss loss = EvalLoss.builder()
                .setBlock(session.block())
                .setParameters(session.parameters())
                .setLoss(new SmoothedCrossEntropy(
                        (float) session.spec().optimization().labelSmoothing()))
                .setBatches(sample)
                .setManager(session.manager())
                .build();
        return HessianListener.builder()
                .setLoss(loss)
                .setEvery(session.spec().run().hessianEvery())
                .optIterations(ITERATIONS)
                .optTraceProbes(session.spec().run().hessianTrace() ? TRACE_PROBES : 0)
                .build();
    }
}
