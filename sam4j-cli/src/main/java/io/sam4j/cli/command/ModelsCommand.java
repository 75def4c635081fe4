package io.sam4j.cli.command;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelInfo;
import io.sam4j.zoo.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sam4j models list}: model names and their parameter counts. */
@Command(
        name = "models",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j models list", "  sam4j models list wrn-28-10 --classes 100"},
        mixinStandardHelpOptions = true,
        description = "List models.",
        subcommands = {ModelsCommand.ListModels.class})
public final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The examples shown when no names are given; wrn-D-K, resnet-(6n+2), shake-shake-D-2xKd and pyramidnet-D-A take any valid numbers. */
    static final List<String> EXAMPLES = List.of(
            "mlp",
            "cnn",
            "resnet-20",
            "resnet-32",
            "resnet-56",
            "wrn-16-4",
            "wrn-16-8",
            "wrn-28-10",
            "shake-shake-26-2x96d",
            "pyramidnet-272-200-shakedrop",
            "resnet-18",
            "resnet-34",
            "resnet-50",
            "resnet-101",
            "resnet-152",
            "efficientnet-b0",
            "efficientnet-b1",
            "efficientnet-b2",
            "efficientnet-b3",
            "efficientnet-b4",
            "efficientnet-b5",
            "efficientnet-b6",
            "efficientnet-b7",
            "transformer-ts-tiny",
            "transformer-ts-small",
            "transformer-ts-base",
            "transformer-ts-study",
            "gcn-small",
            "gcn-base",
            "gcn-study");

    @Command(
            name = "list",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j models list", "  sam4j models list wrn-28-10 --classes 100"},
            mixinStandardHelpOptions = true,
            description = "Print each model's name and trainable-parameter count for an input shape.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Parameters(
                paramLabel = "NAME",
                arity = "0..*",
                description = "Models to describe (default: the standard examples).")
        List<String> names = new ArrayList<>();

        @Option(
                names = "--input",
                paramLabel = "SHAPE",
                description =
                        "Shape of one example: CxHxW for images,"
                                + " CxL for signals, F (node features) for graphs (default: each family's own, 3x32x32, 1x187 or 14).")
        String input;

        @Option(
                names = "--classes",
                paramLabel = "K",
                description = "Number of classes (default: each family's own,"
                        + " 10 for images, 5 for transformer-ts, 2 for gcn).")
        Integer classes;

        @Option(names = "--json", description = "Print [{\"name\", \"params\"}] as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Shape given = input == null ? null : parseExampleShape(input);
            if (classes != null && classes < 1) {
                throw new UserError("--classes must be >= 1 but was " + classes);
            }
            ModelCatalog catalog = ModelCatalog.standard();
            ArrayNode array = ConfigFiles.JSON.createArrayNode();
            // Listing the examples for a given input keeps the models that accept it; named models must.
            boolean filter = names.isEmpty() && given != null;
            List<String> leftOut = new ArrayList<>();
            for (String name : names.isEmpty() ? EXAMPLES : names) {
                ModelInfo info;
                try {
                    ModelSpec spec = catalog.resolve(name);
                    Shape shape = given != null ? given : spec.family().defaultInputShape(spec);
                    info = catalog.info(
                            spec,
                            shape,
                            classes != null ? classes : spec.family().defaultClasses());
                } catch (IllegalArgumentException e) {
                    if (filter) {
                        leftOut.add(name);
                        continue;
                    }
                    throw new UserError(e.getMessage());
                }
                if (json) {
                    ObjectNode row = array.addObject()
                            .put("name", info.name())
                            .put("params", info.parameterCount())
                            .put("input", shapeText(info.inputShape()))
                            .put("classes", info.classes());
                    info.defaultResolution().ifPresent(r -> row.put("resolution", r));
                } else {
                    System.out.printf(
                            Locale.ROOT,
                            "%-28s %,14d  %-9s %s%n",
                            info.name(),
                            info.parameterCount(),
                            shapeText(info.inputShape()),
                            info.description());
                }
            }
            if (json) {
                System.out.println(ConfigFiles.JSON.writeValueAsString(array));
            }
            if (!leftOut.isEmpty()) {
                System.err.println(
                        "sam4j: note: left out, they do not accept input " + input + ": " + String.join(", ", leftOut));
            }
            return 0;
        }

        static String shapeText(Shape shape) {
            StringBuilder s = new StringBuilder();
            for (long d : shape.getShape()) {
                s.append(s.length() == 0 ? "" : "x").append(d);
            }
            return s.toString();
        }

        /** Parses an image shape CxHxW (what {@code bench} takes). */
        static Shape parseShape(String text) {
            Shape shape = parseExampleShape(text);
            if (shape.dimension() != 3) {
                throw new UserError("--input must look like CxHxW (e.g. 3x32x32) but was '" + text + "'");
            }
            return shape;
        }

        /** Parses an example shape of any kind: CxHxW, CxL or F. */
        static Shape parseExampleShape(String text) {
            String[] parts = text.toLowerCase(Locale.ROOT).split("x");
            if (parts.length < 1 || parts.length > 3) {
                throw new UserError(
                        "--input must look like CxHxW, CxL or F (e.g. 3x32x32, 1x187, 14) but was '" + text + "'");
            }
            long[] dims = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    dims[i] = Long.parseLong(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UserError(
                            "--input must look like CxHxW, CxL or F (e.g. 3x32x32, 1x187, 14) but was '" + text + "'");
                }
                if (dims[i] < 1) {
                    throw new UserError("--input dimensions must be >= 1 but was '" + text + "'");
                }
            }
            return new Shape(dims);
        }
    }
}
