package io.sam4j.core.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names a block's parameters as PyTorch's {@code state_dict()} names them.
 *
 * <p>The rule: walk the block tree from the root; a child's name is its DJL name without the
 * 2-digit position prefix that DJL adds ({@code 05layer1} becomes {@code layer1}, {@code 010}
 * becomes {@code 0}); the path of child names and the parameter name are joined with dots. DJL's
 * BatchNorm parameter names become PyTorch's: {@code gamma} → {@code weight}, {@code beta} → {@code
 * bias}, {@code runningMean} → {@code running_mean}, {@code runningVar} → {@code running_var};
 * other parameter names ({@code weight}, {@code bias}) are kept. So a model whose children carry
 * the names of a PyTorch reference model's submodules ({@code conv1}, {@code layer1}, {@code 0},
 * {@code downsample}, {@code fc}) gets exactly that model's state-dict keys.
 *
 * <p>PyTorch's BatchNorm also has a {@code num_batches_tracked} counter; DJL has no such state, so
 * it is not exported, and {@code load_state_dict} fills it in for files without it.
 */
public final class TorchNames {

    private static final Map<String, String> PARAMETER_NAMES = Map.of(
            "gamma", "weight",
            "beta", "bias",
            "runningMean", "running_mean",
            "runningVar", "running_var");

    private TorchNames() {}

    /**
     * Returns the block's parameters under PyTorch names, in the block's parameter order.
     *
     * @param block the root block
     * @return name to parameter
     * @throws IllegalStateException if two parameters get the same name
     */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = prefix + PARAMETER_NAMES.getOrDefault(p.getKey(), p.getKey());
            if (out.put(name, p.getValue()) != null) {
                throw new IllegalStateException("two parameters are both named " + name);
            }
        }
        int position = 1;
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + childName(child.getKey(), position) + ".", out);
            position++;
        }
    }

    /** Strips DJL's {@code %02d} position prefix, which {@code addChildBlock} adds to every child. */
    static String childName(String djlName, int position) {
        String expected = String.format(Locale.ROOT, "%02d", position);
        return djlName.startsWith(expected) && djlName.length() > expected.length()
                ? djlName.substring(expected.length())
                : djlName;
    }
}
