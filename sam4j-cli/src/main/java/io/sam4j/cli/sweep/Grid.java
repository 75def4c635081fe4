package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Settings;
import io.sam4j.core.util.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A sweep's grid: axes named after {@code sam4j train} options, each with a list of values, written
 * {@code 'sam=none,sam rho=0.02,0.05,0.1 seed=1,2,3'} (axes separated by spaces, values by commas).
 *
 * <p>The runs are the Cartesian product of the axes, first axis slowest; an axis that does not apply
 * to a point ({@link io.sam4j.cli.spec.Setting#appliesTo}) is dropped from it and the duplicates this makes are merged. Numbers
 * are written canonically ({@code 0.050} and {@code 5e-2} are both {@code 0.05}), so a run's name and
 * flags do not depend on how a value was typed.
 */
public final class Grid {

    /** One axis: an option name and its values, canonical and distinct. */
    public record Axis(String name, List<String> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    private final List<Axis> axes;

    private Grid(List<Axis> axes) {
        this.axes = List.copyOf(axes);
    }

    /** Returns the axes in the order given. */
    public List<Axis> axes() {
        return axes;
    }

    /** Returns the grid written canonically, e.g. {@code sam=none,sam rho=0.05,0.1}. */
    public String spec() {
        StringJoiner spec = new StringJoiner(" ");
        for (Axis axis : axes) {
            spec.add(axis.name() + "=" + String.join(",", axis.values()));
        }
        return spec.toString();
    }

    /**
     * Parses one or more {@code --grid} texts.
     *
     * @throws UserError naming the axis or value: an unknown axis (with a suggestion), an axis the
     *     sweep owns, a repeated axis, an empty value, a value that is not a number of a numeric axis
     */
    public static Grid parse(List<String> texts, TrainOptions options) {
        List<Axis> axes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String text : texts) {
            for (String token : text.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                Axis axis = parseAxis(token, options);
                if (!seen.add(axis.name())) {
                    throw new UserError("--grid: axis '" + axis.name() + "' is given twice; list all its values once");
                }
                axes.add(axis);
            }
        }
        if (axes.isEmpty()) {
            throw new UserError("--grid is empty: give axes like 'sam=none,sam rho=0.05,0.1 seed=1,2'");
        }
        return new Grid(axes);
    }

    private static Axis parseAxis(String token, TrainOptions options) {
        int eq = token.indexOf('=');
        if (eq < 0) {
            throw new UserError("--grid: '" + token + "' is not AXIS=V1,V2,... (e.g. rho=0.05,0.1)");
        }
        String name = token.substring(0, eq).replaceFirst("^--", "");
        if (name.isEmpty()) {
            throw new UserError("--grid: '" + token + "' has no axis name before '='");
        }
        if (TrainOptions.SWEEP_OWNED.contains(name) || "config".equals(name)) {
            throw new UserError("--grid: '" + name + "' cannot be an axis: "
                    + ("config".equals(name)
                            ? "give the settings of a config file as axes"
                            : TrainOptions.whyOwned(name)));
        }
        TrainOptions.Option option = options.find(name)
                .orElseThrow(() -> new UserError("--grid: unknown axis '" + name + "'; axes are 'sam4j train' options"
                        + Suggestions.didYouMean(name, options.names())));
        if (option.kind() == TrainOptions.Kind.LIST) {
            throw new UserError("--grid: '" + name + "' takes a list of numbers itself and cannot be an axis");
        }
        String list = token.substring(eq + 1);
        if (list.isEmpty()) {
            throw new UserError("--grid: axis '" + name + "' has no values (write " + name + "=V1,V2,...)");
        }
        List<String> values = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            if (raw.isEmpty()) {
                throw new UserError("--grid: axis '" + name + "' has an empty value in '" + token + "'");
            }
            String value = canonical(option, raw);
            if (values.contains(value)) {
                throw new UserError("--grid: axis '" + name + "' lists " + value + " twice");
            }
            values.add(value);
        }
        return new Axis(name, values);
    }

    private static String canonical(TrainOptions.Option option, String raw) {
        String name = option.name();
        switch (option.kind()) {
            case INTEGER -> {
                try {
                    return new BigDecimal(raw).toBigIntegerExact().toString();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new UserError("--grid: axis '" + name + "' takes whole numbers but '" + raw + "' is not one");
                }
            }
            case DECIMAL -> {
                try {
                    BigDecimal number = new BigDecimal(raw).stripTrailingZeros();
                    return number.signum() == 0 ? "0" : number.toPlainString();
                } catch (NumberFormatException e) {
                    throw new UserError("--grid: axis '" + name + "' takes numbers but '" + raw + "' is not one");
                }
            }
            case BOOLEAN -> {
                String lower = raw.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new UserError("--grid: axis '" + name + "' takes true or false but was '" + raw + "'");
                }
                return lower;
            }
            default -> {
                return raw;
            }
        }
    }

    /**
     * Expands the grid into runs.
     *
     * @param shared the flags every run gets; none may also be an axis
     * @param resolve resolves and validates a run's flags into its config (throws {@link UserError})
     * @throws UserError if a flag is also an axis, a point's settings are invalid, or two runs would
     *     share a name
     */
    public List<SweepPoint> expand(Map<String, String> shared, Function<Map<String, String>, RunSpec> resolve) {
        for (Axis axis : axes) {
            if (shared.containsKey(axis.name())) {
                throw new UserError("--" + axis.name() + " is given both as a flag and as a grid axis; keep one");
            }
        }
        List<SweepPoint> points = new ArrayList<>();
        Map<String, Map<String, String>> byName = new HashMap<>();
        int[] index = new int[axes.size()];
        while (true) {
            Map<String, String> full = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                full.put(axes.get(a).name(), axes.get(a).values().get(index[a]));
            }
            addPoint(full, shared, resolve, points, byName);
            int a = axes.size() - 1;
            while (a >= 0 && ++index[a] == axes.get(a).values().size()) {
                index[a] = 0;
                a--;
            }
            if (a < 0) {
                return points;
            }
        }
    }

    private static void addPoint(
            Map<String, String> full,
            Map<String, String> shared,
            Function<Map<String, String>, RunSpec> resolve,
            List<SweepPoint> points,
            Map<String, Map<String, String>> byName) {
        Map<String, String> flags = new LinkedHashMap<>(shared);
        flags.putAll(full);
        RunSpec spec;
        try {
            spec = resolve.apply(flags);
        } catch (UserError e) {
            throw new UserError("sweep run " + RunNames.of(full) + ": " + e.getMessage());
        }
        Map<String, String> applied = new LinkedHashMap<>();
        full.forEach((axis, value) -> {
            if (Settings.find(axis).map(setting -> setting.appliesTo(spec)).orElse(true)) {
                applied.put(axis, value);
            }
        });
        String name = RunNames.of(applied);
        Map<String, String> earlier = byName.putIfAbsent(name, applied);
        if (earlier == null) {
            Map<String, String> runFlags = new LinkedHashMap<>(shared);
            runFlags.putAll(applied);
            points.add(new SweepPoint(name, applied, runFlags));
        } else if (!earlier.equals(applied)) {
            throw new UserError("--grid: runs " + earlier + " and " + applied + " would share the directory name '"
                    + name + "'; change a value");
        }
    }
}
