package io.sam4j.analysis.hessian.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The two halves of a Hessian-vector product by double backward, each a tiny TorchScript module
 * that calls {@code torch.autograd.grad}: {@link #gradient} returns g = ∇L with its graph, and
 * {@link #product} returns Hv = ∇(g·v) by one backward pass through that graph (the vector-Jacobian
 * product of g with v, so g·v itself is never formed).
 *
 * <p>Split so that the graph of g can serve many products: g does not depend on v, so power
 * iteration, Lanczos and Hutchinson's probes can each reuse it, and a product then costs only the
 * second backward pass (see {@code io.sam4j.analysis.hessian.HessianOperator}).
 *
 * <p>Why not {@code backward(create_graph=true)}, which DJL exposes: it stores the first gradient,
 * with its graph, in the variables' {@code .grad}; that graph ends at the variables themselves, so
 * variable, gradient and graph form a reference cycle that C++ never frees (PyTorch warns about
 * it), and every product leaked about three copies of the parameters. {@code autograd.grad}
 * returns the gradients instead of storing them, so nothing outlives the arrays that hold them. DJL
 * can run TorchScript but not compile it, so each module's archive (source, a one-attribute pickle
 * and the format version) is assembled here in memory from a {@code .torchscript} resource.
 */
public final class DoubleBackward implements AutoCloseable {

    private final PtSymbolBlock gradientModule;
    private final PtSymbolBlock productModule;

    private DoubleBackward(NDManager manager) {
        this.gradientModule = module(manager, "GradientWithGraph", "gradient-with-graph.torchscript");
        this.productModule = module(manager, "GradientDotProduct", "gradient-dot-product.torchscript");
    }

    /** Loads the modules under {@code manager} (a PyTorch manager). */
    public static DoubleBackward load(NDManager manager) {
        return new DoubleBackward(manager);
    }

    /**
     * Returns g = ∇loss, one array per variable, with the graph that computed it (so that g can be
     * differentiated again). The arrays are attached to the manager of {@code loss}; the graph lives
     * as long as they do. A variable the loss does not reach gets zeros without a graph.
     *
     * @param loss a scalar computed from {@code variables} with autograd recording
     * @param variables the tensors to differentiate by, each requiring a gradient
     */
    public NDList gradient(NDArray loss, List<NDArray> variables) {
        NDList inputs = new NDList(1 + variables.size());
        inputs.add(loss);
        // IValueUtils packs arrays named "x[]" into one TorchScript List[Tensor] argument.
        for (NDArray p : variables) {
            inputs.add(named(p, "params[]"));
        }
        return IValueUtils.forward(gradientModule, inputs, true);
    }

    /**
     * Returns H·v = ∇(g·v), one array per variable, attached to {@code manager}.
     *
     * @param manager the manager the product is attached to
     * @param gradient g from {@link #gradient} for the same variables
     * @param variables the variables g was taken by
     * @param direction v, one array per variable with its shape
     * @param retainGraph whether g's graph must survive for later products
     */
    public NDList product(
            NDManager manager, NDList gradient, List<NDArray> variables, List<NDArray> direction, boolean retainGraph) {
        NDList inputs = new NDList(1 + 3 * variables.size());
        inputs.add(manager.create(retainGraph ? 1f : 0f));
        for (NDArray g : gradient) {
            inputs.add(named(g, "grads[]"));
        }
        for (NDArray p : variables) {
            inputs.add(named(p, "params[]"));
        }
        for (NDArray d : direction) {
            inputs.add(named(d, "v[]"));
        }
        return IValueUtils.forward(productModule, inputs, true);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    public void close() {
        gradientModule.close();
        productModule.close();
    }

    private static PtSymbolBlock module(NDManager manager, String className, String resource) {
        try (InputStream archive = new ByteArrayInputStream(archive(className, resource))) {
            return JniUtils.loadModule((PtNDManager) manager, archive, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the TorchScript module " + resource, e);
        }
    }

    /** Returns a TorchScript archive: a zip of stored (uncompressed) records, as torch.jit.save writes. */
    static byte[] archive(String className, String resource) throws IOException {
        String source;
        try (InputStream in = DoubleBackward.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            stored(zip, "module/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "module/data.pkl", modulePickle(className));
            stored(zip, "module/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, "module/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        }
        return bytes.toByteArray();
    }

    /** The pickle (protocol 2) of one module object of class {@code className} with {@code training = False}. */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89); // NEWFALSE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
