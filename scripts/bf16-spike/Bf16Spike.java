package io.sam4j.cli.spike;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bf16 spike of issue 27: one WRN-16-4 training step in fp32 and in bf16 through DJL 0.35.1 /
 * libtorch 2.7.1, interleaved step by step in one process, medians and ratios printed.
 *
 * <p>The bf16 step keeps fp32 master parameters (the fp32 model's own), casts them into a bf16
 * copy of the model at the start of every step (timed), runs forward and backward in bf16, casts
 * the logits to fp32 for the loss, casts the gradients back to fp32 and applies plain SGD to the
 * masters. The fp32 step runs the same SGD on the same masters with fp32 gradients. Two bf16
 * variants: BatchNorm kept fp32 (only convolution and linear weights cast; libtorch's batch norm
 * then takes bf16 activations with fp32 parameters and statistics) and all-bf16 (every parameter
 * and BatchNorm's statistics cast). The forward+backward rows time one pass with no casts and no
 * update, to separate kernel speed from cast overhead. DJL 0.35.1's {@code Block.cast} throws
 * "Not implemented yet", so the copy's parameter tensors are swapped once ({@code
 * PtNDArray.intern}) and each step copies the masters into them in place. DJL's {@code toType} runs
 * under torch's NoGradGuard, so the logits reach fp32 by type promotion. Through DJL 0.35.1 only
 * {@code -Dspike.type=float16} runs; bfloat16 aborts the JVM (see {@link #LOW}).
 *
 * <p>Not a test and not a command: a measurement for BENCHMARKS.md, run as
 *
 * <pre>
 * java -cp 'sam4j-cli/target/sam4j-cli.jar:sam4j-cli/target/lib/*' io.sam4j.cli.spike.Bf16Spike [BATCH...]
 * </pre>
 *
 * System properties: {@code spike.warmup} (default 2), {@code spike.steps} (default 7), {@code
 * spike.threads} (default 2), {@code spike.model} (default wrn-16-4).
 */
public final class Bf16Spike {

    private static final float LR = 0.01f;

    /**
     * The reduced type, {@code -Dspike.type=bfloat16} (default) or {@code float16}. DJL 0.35.1's
     * native layer maps no dtype code past bool to a torch type: any bf16 tensor (toType, zeros,
     * create) ends the JVM with "terminate called without an active exception" (a bare {@code
     * throw;} in {@code GetScalarTypeFromDType}). float16 is mapped, so it is the one reduced type
     * that can be timed through DJL; rows say "bf16" for whichever type is chosen.
     */
    private static final DataType LOW =
            DataType.valueOf(System.getProperty("spike.type", "bfloat16").toUpperCase(Locale.ROOT));

    private Bf16Spike() {}

    public static void main(String[] args) {
        int threads = Integer.getInteger("spike.threads", 2);
        int warmup = Integer.getInteger("spike.warmup", 2);
        int steps = Integer.getInteger("spike.steps", 7);
        String model = System.getProperty("spike.model", "wrn-16-4");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int[] batches = args.length == 0
                ? new int[] {128}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Engine engine = Engine.getInstance();
        System.out.printf(
                Locale.ROOT,
                "bf16 spike (reduced type %s): %s, DJL %s, engine %s %s, %d threads, %d warm-up + %d timed steps per kind, interleaved%n",
                LOW,
                model,
                Engine.getDjlVersion(),
                engine.getEngineName(),
                engine.getVersion(),
                threads,
                warmup,
                steps);
        if (!Boolean.getBoolean("spike.skipConvCheck")) {
            convolutionCheck();
        }
        for (int batch : batches) {
            run(model, batch, warmup, steps);
        }
    }

    /** bf16 against fp32 convolutions of WRN-16-4's shapes: output and input gradient. */
    private static void convolutionCheck() {
        System.out.println("conv check (relative error ||bf16 - fp32|| / ||fp32||, bf16 rounding is ~1e-2,"
                + " order 1 means a defect):");
        int[][] cases = { // in, out, kernel, stride
            {3, 16, 3, 1}, {16, 64, 3, 1}, {64, 64, 3, 1}, {64, 128, 3, 2}, {128, 128, 3, 1},
            {128, 256, 3, 2}, {256, 256, 3, 1}, {16, 64, 1, 1}, {64, 128, 1, 1}, {24, 40, 3, 1}
        };
        try (NDManager m = NDManager.newBaseManager()) {
            engineSeed(1);
            for (int[] c : cases) {
                if (Boolean.getBoolean("spike.trace")) {
                    System.out.println("  conv " + Arrays.toString(c));
                }
                NDArray x = m.randomNormal(new Shape(8, c[0], 16, 16));
                NDArray w =
                        m.randomNormal(new Shape(c[1], c[0], c[2], c[2])).mul(Math.sqrt(2.0 / (c[0] * c[2] * c[2])));
                NDArray seed = m.randomNormal(new Shape(8, c[1], 16 / c[3], 16 / c[3]));
                NDArray[] f = convAndInputGradient(x, w, seed, c, DataType.FLOAT32);
                NDArray[] b = convAndInputGradient(x, w, seed, c, LOW);
                System.out.printf(
                        Locale.ROOT,
                        "  %3d->%3d k%d s%d  out %.2e  dx %.2e%s%n",
                        c[0],
                        c[1],
                        c[2],
                        c[3],
                        relativeError(b[0], f[0]),
                        relativeError(b[1], f[1]),
                        c[0] % 16 != 0 && c[0] > 16 || c[1] % 16 != 0 ? "  (raw Conv2d, a shape the zoo pads)" : "");
            }
        }
    }

    private static NDArray[] convAndInputGradient(NDArray x, NDArray w, NDArray seed, int[] c, DataType type) {
        trace("to " + type);
        NDArray xt = x.toType(type, true);
        NDArray wt = w.toType(type, true);
        xt.setRequiresGradient(true);
        trace("cast done");
        NDArray out;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            out = Conv2d.conv2d(xt, wt, null, new Shape(c[3], c[3]), new Shape(c[2] / 2, c[2] / 2), new Shape(1, 1), 1)
                    .singletonOrThrow();
            trace("conv done");
            collector.backward(out.mul(seed.toType(type, false)).sum());
        }
        trace("backward done");
        return new NDArray[] {
            out.toType(DataType.FLOAT32, true), xt.getGradient().toType(DataType.FLOAT32, true)
        };
    }

    private static void trace(String what) {
        if (Boolean.getBoolean("spike.trace")) {
            System.out.println("    " + what);
        }
    }

    private static double relativeError(NDArray a, NDArray b) {
        return a.sub(b).norm().getFloat() / (double) b.norm().getFloat();
    }

    private static void engineSeed(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }

    /** One model in fp32 (the masters) and its bf16 copies, a synthetic batch, the timed kinds. */
    private static void run(String model, int batch, int warmup, int steps) {
        Shape image = new Shape(3, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block master = build(model, image, manager, 0);
            List<Pair<Parameter, Parameter>> mixed = new ArrayList<>();
            List<Pair<Parameter, Parameter>> allBf16 = new ArrayList<>();
            Block mixedCopy = bf16Copy(model, image, manager, master, false, mixed);
            Block allCopy = bf16Copy(model, image, manager, master, true, allBf16);

            engineSeed(42);
            NDArray x = manager.randomNormal(new Shape(batch, 3, 32, 32));
            NDArray y = manager.randomInteger(0, 10, new Shape(batch), DataType.INT32);
            Loss loss = Loss.softmaxCrossEntropyLoss();
            ParameterStore store = new ParameterStore(manager, false);

            Map<String, Runnable> kinds = new LinkedHashMap<>();
            kinds.put("step fp32", () -> fp32Step(master, store, x, y, loss, manager));
            kinds.put("step bf16 (BN fp32)", () -> bf16Step(mixedCopy, mixed, store, x, y, loss, manager));
            kinds.put("step bf16 (all)", () -> bf16Step(allCopy, allBf16, store, x, y, loss, manager));
            NDArray xb = x.toType(LOW, false);
            kinds.put("fwd+bwd fp32", () -> forwardBackward(master, store, x, y, loss, manager));
            kinds.put("fwd+bwd bf16 (BN fp32)", () -> forwardBackward(mixedCopy, store, xb, y, loss, manager));
            kinds.put("fwd+bwd bf16 (all)", () -> forwardBackward(allCopy, store, xb, y, loss, manager));

            // Sanity: the three models from the same masters give close losses and gradients.
            agreement(master, mixedCopy, mixed, allCopy, allBf16, store, x, y, loss, manager);

            Map<String, double[]> times = new LinkedHashMap<>();
            kinds.keySet().forEach(k -> times.put(k, new double[steps]));
            for (int i = 0; i < warmup + steps; i++) {
                for (Map.Entry<String, Runnable> kind : kinds.entrySet()) {
                    long t0 = System.nanoTime();
                    kind.getValue().run();
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i >= warmup) {
                        times.get(kind.getKey())[i - warmup] = ms;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s, batch %d: median ms over %d interleaved steps%n", model, batch, steps);
            double stepFp32 = median(times.get("step fp32"));
            double fbFp32 = median(times.get("fwd+bwd fp32"));
            for (Map.Entry<String, double[]> e : times.entrySet()) {
                double med = median(e.getValue());
                double base = e.getKey().startsWith("step") ? stepFp32 : fbFp32;
                System.out.printf(
                        Locale.ROOT,
                        "  %-24s %9.1f ms  fp32/this %.3f  all: %s%n",
                        e.getKey(),
                        med,
                        base / med,
                        format(e.getValue()));
            }
        }
    }

    private static Block build(String model, Shape image, NDManager manager, long seed) {
        Block block = ModelCatalog.standard().build(model, image, 10, ModelOptions.DEFAULTS);
        engineSeed(seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return block;
    }

    /**
     * A second instance of the model whose cast parameters are bf16 (conv and linear weights and
     * biases; with {@code castAll} also BatchNorm's), paired with the master parameters they copy.
     */
    private static Block bf16Copy(
            String model,
            Shape image,
            NDManager manager,
            Block master,
            boolean castAll,
            List<Pair<Parameter, Parameter>> pairs) {
        Block copy = build(model, image, manager, 0);
        Map<String, Parameter> masters = new LinkedHashMap<>();
        collect(master, "", masters, null);
        Map<String, Parameter> copies = new LinkedHashMap<>();
        Map<String, Boolean> castable = new LinkedHashMap<>();
        collect(copy, "", copies, castable);
        for (Map.Entry<String, Parameter> e : copies.entrySet()) {
            Parameter p = e.getValue();
            Parameter m = masters.get(e.getKey());
            if (!castAll && !castable.get(e.getKey())) {
                // Kept fp32 and shared in value: BatchNorm's gamma, beta and running statistics.
                ((PtNDArray) p.getArray()).intern(m.getArray().duplicate());
                p.getArray().setRequiresGradient(p.requiresGradient());
                continue;
            }
            pairs.add(new Pair<>(m, p));
            cast(m, p);
        }
        return copy;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out, Map<String, Boolean> castable) {
        boolean weights = block instanceof Conv2d || block instanceof Linear;
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getKey(), p.getValue());
            if (castable != null) {
                castable.put(prefix + p.getKey(), weights);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + child.getKey() + "/", out, castable);
        }
    }

    /** The master's value, cast to bf16, becomes the copy's array (same Java handle, new tensor). */
    private static void cast(Parameter master, Parameter copy) {
        PtNDArray target = (PtNDArray) copy.getArray();
        target.intern(master.getArray().toType(LOW, true));
        if (copy.requiresGradient()) {
            target.setRequiresGradient(true);
        }
    }

    private static void fp32Step(Block master, ParameterStore store, NDArray x, NDArray y, Loss loss, NDManager m) {
        forwardBackward(master, store, x, y, loss, m);
        for (Pair<String, Parameter> p : master.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient()) {
                w.subi(g.mul(LR));
            }
        }
    }

    /** Cast the masters in, input in, pass in bf16, loss in fp32, gradients out and SGD on the masters. */
    private static void bf16Step(
            Block copy,
            List<Pair<Parameter, Parameter>> pairs,
            ParameterStore store,
            NDArray x,
            NDArray y,
            Loss loss,
            NDManager m) {
        for (Pair<Parameter, Parameter> pair : pairs) {
            // In place (grad mode is off outside the collector): swapping the tensor (intern)
            // after a backward crashed libtorch's autograd (SIGSEGV in getAccelerator).
            pair.getValue().getArray().muli(0).addi(pair.getKey().getArray());
        }
        try (NDManager step = m.newSubManager()) {
            NDArray xb = x.toType(LOW, false);
            xb.attach(step);
            forwardBackward(copy, store, xb, y, loss, step);
        }
        for (Pair<Parameter, Parameter> pair : pairs) {
            if (!pair.getValue().requiresGradient()) {
                continue;
            }
            try (NDArray g = pair.getValue().getArray().getGradient();
                    NDArray g32 = g.toType(DataType.FLOAT32, false)) {
                pair.getKey().getArray().subi(g32.muli(LR));
            }
        }
        // BatchNorm kept fp32 is shared in value with the masters only at the start; its own
        // gradient is applied to the copy (the masters' BN is the fp32 step's).
        for (Pair<String, Parameter> p : copy.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (p.getValue().requiresGradient() && w.getDataType() == DataType.FLOAT32) {
                try (NDArray g = w.getGradient()) {
                    w.subi(g.mul(LR));
                }
            }
        }
    }

    private static void forwardBackward(
            Block block, ParameterStore store, NDArray x, NDArray y, Loss loss, NDManager m) {
        try (NDManager pass = m.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(pass);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(store, new NDList(input), true).singletonOrThrow();
                // DJL's toType runs under torch's NoGradGuard (it would cut the graph): the logits
                // reach fp32 by type promotion instead, a product with fp32 ones.
                NDArray l32 = logits.getDataType() == DataType.FLOAT32
                        ? logits
                        : logits.mul(pass.ones(new Shape(1, logits.getShape().get(1))));
                NDArray value = loss.evaluate(new NDList(y), new NDList(l32));
                collector.backward(value);
            }
        }
    }

    private static void agreement(
            Block master,
            Block mixedCopy,
            List<Pair<Parameter, Parameter>> mixed,
            Block allCopy,
            List<Pair<Parameter, Parameter>> all,
            ParameterStore store,
            NDArray x,
            NDArray y,
            Loss loss,
            NDManager m) {
        for (Pair<Parameter, Parameter> pair : mixed) {
            cast(pair.getKey(), pair.getValue());
        }
        for (Pair<Parameter, Parameter> pair : all) {
            cast(pair.getKey(), pair.getValue());
        }
        NDArray xb = x.toType(LOW, false);
        Map<String, NDArray> g32 = gradients(master, store, x, y, loss, m);
        Map<String, NDArray> gMixed = gradients(mixedCopy, store, xb, y, loss, m);
        Map<String, NDArray> gAll = gradients(allCopy, store, xb, y, loss, m);
        System.out.printf(
                Locale.ROOT,
                "gradient agreement at the same weights (relative error of the whole gradient vector"
                        + " against fp32; worst tensor): BN fp32 %.2e (%.2e), all bf16 %.2e (%.2e)%n",
                wholeError(gMixed, g32),
                worstError(gMixed, g32),
                wholeError(gAll, g32),
                worstError(gAll, g32));
    }

    private static Map<String, NDArray> gradients(
            Block block, ParameterStore store, NDArray x, NDArray y, Loss loss, NDManager m) {
        forwardBackward(block, store, x, y, loss, m);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray g = p.getValue().getArray().getGradient().toType(DataType.FLOAT32, true);
                g.attach(m);
                out.put(p.getKey(), g);
            }
        }
        return out;
    }

    private static double wholeError(Map<String, NDArray> a, Map<String, NDArray> b) {
        double diff = 0;
        double norm = 0;
        for (String k : b.keySet()) {
            double d = a.get(k).sub(b.get(k)).norm().getFloat();
            double n = b.get(k).norm().getFloat();
            diff += d * d;
            norm += n * n;
        }
        return Math.sqrt(diff / norm);
    }

    private static double worstError(Map<String, NDArray> a, Map<String, NDArray> b) {
        double worst = 0;
        for (String k : b.keySet()) {
            worst = Math.max(worst, relativeError(a.get(k), b.get(k)));
        }
        return worst;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return b.toString();
    }
}
