package io.sam4j.cli.command;

import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.Presets;
import io.sam4j.cli.spec.Presets.Preset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sam4j presets list}: the SAM paper's training settings that {@code train --preset} applies. */
@Command(
        name = "presets",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j presets list", "  sam4j presets list --json"},
        mixinStandardHelpOptions = true,
        description = "List the paper's training settings.",
        subcommands = {PresetsCommand.ListPresets.class})
public final class PresetsCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "list",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j presets list", "  sam4j presets list --json"},
            mixinStandardHelpOptions = true,
            description = "Print each preset's name, description, settings and source.")
    static final class ListPresets implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Option(names = "--json", description = "Print the presets as a JSON array.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Preset> presets = Presets.standard().all();
            if (json) {
                System.out.println(ConfigFiles.JSON.writeValueAsString(presets));
                return 0;
            }
            for (Preset p : presets) {
                System.out.println(p.name() + "  " + p.description());
                System.out.println("    settings: " + settings(p.settings()));
                System.out.println("    source:   " + p.source());
                if (!p.unverified().isEmpty()) {
                    System.out.println("    not checked against the paper: " + String.join(", ", p.unverified()));
                }
            }
            System.out.println("Use: sam4j train --preset NAME [flags that override it]");
            return 0;
        }

        private static String settings(Map<String, Object> settings) {
            return settings.entrySet().stream()
                    .map(e -> "--" + e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }
}
