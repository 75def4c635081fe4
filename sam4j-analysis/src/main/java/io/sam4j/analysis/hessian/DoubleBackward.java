package io.sam4j.analysis.hessian;

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
 * Computes Hv = ∇(∇L·v) with {@code torch.autograd.grad}, run by a tiny TorchScript module.
 *
 * <p>Why not {@code backward(create_graph=true)}, which DJL exposes: it stores the first gradient,
 * with its graph, in the variables' {@code .grad}; that graph ends at the variables themselves, so
 * variable, gradient and graph form a reference cycle that C++ never frees (PyTorch warns about
 * it), and every product leaked about three copies of the parameters. {@code autograd.grad}
 * returns the gradients instead of storing them, so nothing outlives the product. DJL can run
 * TorchScript but not compile it, so the module's archive (source, a one-attribute pickle and the
 * format version) is assembled here in memory from {@code hvp.torchscript}.
 */
final class DoubleBackward implements AutoCloseable {

    private static final String CLASS_NAME = "HessianVectorProduct";

    private final PtSymbolBlock module;

    private DoubleBackward(PtSymbolBlock module) {
        this.module = module;
    }

    /** Loads the module under {@code manager} (a PyTorch manager). */
    static DoubleBackward load(NDManager manager) {
        try (InputStream archive = new ByteArrayInputStream(archive())) {
            return new DoubleBackward(JniUtils.loadModule((PtNDManager) manager, archive, false, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Hessian-vector-product module", e);
        }
    }

    /**
     * Returns H·v, one array per variable.
     *
     * @param loss a scalar computed from {@code variables} with autograd recording
     * @param variables the tensors to differentiate by, each requiring a gradient
     * @param direction v, one array per variable with its shape
     */
    NDList apply(NDArray loss, List<NDArray> variables, List<NDArray> direction) {
        NDList inputs = new NDList(1 + 2 * variables.size());
        inputs.add(loss);
        // IValueUtils packs arrays named "x[]" into one TorchScript List[Tensor] argument.
        for (NDArray p : variables) {
            inputs.add(named(p, "params[]"));
        }
        for (NDArray d : direction) {
            inputs.add(named(d, "v[]"));
        }
        return IValueUtils.forward(module, inputs, true);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    @Override
    public void close() {
        module.close();
    }

    /** Returns the TorchScript archive: a zip of stored (uncompressed) records, as torch.jit.save writes. */
    static byte[] archive() throws IOException {
        String source;
        try (InputStream in = DoubleBackward.class.getResourceAsStream("hvp.torchscript")) {
            if (in == null) {
                throw new IOException("resource hvp.torchscript is missing");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            stored(zip, "hvp/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "hvp/data.pkl", modulePickle());
            stored(zip, "hvp/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, "hvp/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        }
        return bytes.toByteArray();
    }

    /** The pickle (protocol 2) of one {@code __torch__.HessianVectorProduct} with {@code training = False}. */
    private static byte[] modulePickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes(("c__torch__\n" + CLASS_NAME + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
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
