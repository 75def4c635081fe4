package io.sam4j.cli.spec;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Makes {@link Settings} into picocli options and reads them back, so that a command declares no
 * setting of its own. Values arrive as text and are parsed by the settings' own types, so a flag
 * and a config-file key take the same values and fail with the same words.
 */
public final class SettingOptions {

    private SettingOptions() {}

    /** Adds one option per setting to a command's model (a picocli model transformer). */
    public static final class Transformer implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addTo(spec, Settings.ALL);
            return spec;
        }
    }

    /**
     * Adds one option per setting of {@code settings} to {@code spec}, in one section of the help per
     * {@link Setting.Group} (in the groups' order, each setting in declaration order): picocli argument
     * groups that only give headings, so they neither exclude nor require anything.
     */
    public static void addTo(CommandSpec spec, List<Setting<?>> settings) {
        for (Setting.Group group : Setting.Group.values()) {
            ArgGroupSpec.Builder section = ArgGroupSpec.builder()
                    .heading("%n" + group.title() + ":%n")
                    .exclusive(false)
                    .multiplicity("0..1")
                    .validate(false);
            for (Setting<?> setting : settings) {
                if (setting.group() == group) {
                    section.addArg(option(setting));
                }
            }
            if (!section.args().isEmpty()) {
                spec.addArgGroup(section.build());
            }
        }
    }

    private static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.flag()).description(setting.description());
        if (setting.type().isBoolean()) {
            option.type(Boolean.class).arity("0").negatable(true);
        } else {
            option.type(String.class).arity("1").paramLabel(setting.paramLabel());
        }
        return option.build();
    }

    /**
     * Reads the settings given as flags.
     *
     * @throws io.sam4j.cli.UserError naming the flag of a bad value
     */
    public static SettingValues given(ParseResult parsed) {
        SettingValues values = SettingValues.empty();
        for (Setting<?> setting : Settings.ALL) {
            if (parsed.hasMatchedOption(setting.flag())) {
                values = values.with(setting, read(setting, parsed.matchedOption(setting.flag())));
            }
        }
        return values;
    }

    private static <T> SettingValues.Entry read(Setting<T> setting, OptionSpec option) {
        if (setting.type().isBoolean()) {
            return new SettingValues.Entry(option.getValue(), Origin.FLAG);
        }
        List<String> texts = option.originalStringValues();
        return new SettingValues.Entry(setting.parse(texts.get(texts.size() - 1), Origin.FLAG), Origin.FLAG);
    }
}
