package io.sam4j.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SamParameter;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sam4j methods list}: the training-step methods {@code --sam} takes, from the core's catalog. */
@Command(
        name = "methods",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j methods list", "  sam4j methods list --json"},
        mixinStandardHelpOptions = true,
        description = "List the SAM family's methods.",
        subcommands = {MethodsCommand.ListMethods.class})
public final class MethodsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "list",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j methods list", "  sam4j methods list --json"},
            mixinStandardHelpOptions = true,
            description = "Print each method with its parameters (its defaults and ranges), cost per step, paper, the"
                    + " source of its defaults and its tuning grid.")
    static final class ListMethods implements Callable<Integer> {

        @Mixin
        OutputOptions output;

        @Option(names = "--json", description = "Print the catalog as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            if (json) {
                ArrayNode array = ConfigFiles.JSON.createArrayNode();
                for (SamMethod method : SamMethods.all()) {
                    ObjectNode node = array.addObject()
                            .put("name", method.name())
                            .put("summary", method.summary())
                            .put("passes_per_step", method.cost())
                            .put("reference", method.reference())
                            .put("defaults_source", method.authors().source());
                    ArrayNode parameters = node.putArray("parameters");
                    for (SamParameter p : method.parameters()) {
                        parameters
                                .addObject()
                                .put("name", p.name())
                                .put("default", method.defaultValue(p.name()))
                                .put("range", p.range())
                                .put("help", p.help());
                    }
                    ArrayNode grid = node.putArray("tuning_grid");
                    method.tuningGrid().forEach(point -> {
                        ObjectNode values = grid.addObject();
                        point.forEach(values::put);
                    });
                    node.put("tuning_grid_source", method.authors().gridSource());
                }
                out.println(ConfigFiles.JSON.writeValueAsString(array));
                return 0;
            }
            // Columns as wide as the catalog's longest method and parameter names.
            int nameWidth = SamMethods.all().stream()
                    .mapToInt(m -> m.name().length())
                    .max()
                    .orElse(0);
            int parameterWidth = SamMethods.all().stream()
                    .flatMap(m -> m.parameters().stream())
                    .mapToInt(p -> p.name().length())
                    .max()
                    .orElse(0);
            String indent = " ".repeat(nameWidth + 1);
            for (SamMethod method : SamMethods.all()) {
                out.printf(
                        Locale.ROOT,
                        "%-" + nameWidth + "s passes/step %-20s %s%n",
                        method.name(),
                        method.cost(),
                        method.summary());
                for (SamParameter p : method.parameters()) {
                    out.printf(
                            Locale.ROOT,
                            "%s--%-" + parameterWidth + "s %-8s %-10s %s%n",
                            indent,
                            p.name(),
                            MethodsTable.text(p, method.defaultValue(p.name())),
                            p.range(),
                            p.help());
                }
                if (!output.quiet()) {
                    out.println(indent + method.reference());
                    if (!method.parameters().isEmpty()) {
                        out.println(indent + "defaults: " + method.authors().source());
                        out.println(indent + "tuning grid (sam4j compare): " + MethodsTable.grid(method) + "; "
                                + method.authors().gridSource());
                    }
                }
            }
            return 0;
        }
    }
}
