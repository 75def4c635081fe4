package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.config.ConfigFiles;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam4j models list}: model names and their parameter counts. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List models.",
        subcommands = {ModelsCommand.ListModels.class})
public final class ModelsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The examples shown when no names are given; wrn-D-K, resnet-(6n+2), shake-shake-D-2xKd and pyramidnet-D-A take any valid numbers. */
    static final List<String> EXAMPLES = List.of("mlp", "cnn", "resnet-20", "resnet-32", "resnet-56",
            "wrn-16-4", "wrn-16-8", "wrn-28-10", "shake-shake-26-2x96d", "pyramidnet-272-200-shakedrop",
            "resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152");

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print each model's name and trainable-parameter count for an input shape.")
    static final class ListModels implements Callable<Integer> {
        @Mixin CommonOptions common;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Models to describe (default: the standard examples).")
        List<String> names = new ArrayList<>();

        @Option(names = "--input", paramLabel = "CxHxW", description = "Input shape (default: 3x32x32).")
        String input = "3x32x32";

        @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: 10).")
        int classes = 10;

        @Option(names = "--json", description = "Print [{\"name\", \"params\"}] as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Shape shape = parseShape(input);
            if (classes < 1) {
                throw new UserError("--classes must be >= 1 but was " + classes);
            }
            ModelCatalog catalog = ModelCatalog.standard();
            ArrayNode array = ConfigFiles.JSON.createArrayNode();
            for (String name : names.isEmpty() ? EXAMPLES : names) {
                ModelInfo info;
                try {
                    info = catalog.info(catalog.resolve(name), shape, classes);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                if (json) {
                    array.addObject().put("name", info.name()).put("params", info.parameterCount());
                } else {
                    System.out.printf(Locale.ROOT, "%-28s %,14d  %s%n", info.name(), info.parameterCount(), info.description());
                }
            }
            if (json) {
                System.out.println(ConfigFiles.JSON.writeValueAsString(array));
            }
            return 0;
        }

        static Shape parseShape(String text) {
            String[] parts = text.toLowerCase(Locale.ROOT).split("x");
            if (parts.length != 3) {
                throw new UserError("--input must look like CxHxW (e.g. 3x32x32) but was '" + text + "'");
            }
            long[] dims = new long[3];
            for (int i = 0; i < 3; i++) {
                try {
                    dims[i] = Long.parseLong(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UserError("--input must look like CxHxW (e.g. 3x32x32) but was '" + text + "'");
                }
                if (dims[i] < 1) {
                    throw new UserError("--input dimensions must be >= 1 but was '" + text + "'");
                }
            }
            return new Shape(dims);
        }
    }
}
