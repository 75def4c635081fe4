package io.sam4j.report.model;

import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The words a reader expects for what a run's config names by key: "SAM ρ = 0.1" for {@code sam=sam
 * rho=0.1}, "LookSAM k = 5, ρ = 0.05", "Adam + SAM ρ = 0.1", "Fashion-MNIST". Method names and parameter
 * symbols are those of the methods' papers ({@link SamMethods} cites each); the parameters come from
 * the catalog, in its order with ρ first.
 */
public final class MethodNames {

    /** Each method's name as its paper writes it. */
    private static final Map<String, String> METHODS = Map.ofEntries(
            Map.entry("sam", "SAM"),
            Map.entry("asam", "ASAM"),
            Map.entry("rst", "RST"),
            Map.entry("looksam", "LookSAM"),
            Map.entry("late-sam", "late-phase SAM"),
            Map.entry("ae-sam", "AE-SAM"),
            Map.entry("ae-looksam", "AE-LookSAM"),
            Map.entry("esam", "ESAM"),
            Map.entry("msam", "MSAM"),
            Map.entry("gsam", "GSAM"),
            Map.entry("fsam", "FSAM"),
            Map.entry("sam-on", "SAM-ON"));

    /** Each parameter's symbol in its paper (the catalog's description says which paper). */
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("rho", "ρ"),
            Map.entry("eta", "η"),
            Map.entry("m", "m"),
            Map.entry("p", "p"),
            Map.entry("k", "k"),
            Map.entry("looksam-alpha", "α"),
            Map.entry("sam-start", "start"),
            Map.entry("ae-delta", "δ"),
            Map.entry("ae-lambda-start", "λ₁"),
            Map.entry("ae-lambda-end", "λ₂"),
            Map.entry("esam-beta", "β"),
            Map.entry("esam-gamma", "γ"),
            Map.entry("gsam-alpha", "α"),
            Map.entry("fsam-sigma", "σ"),
            Map.entry("fsam-lambda", "λ"));

    /**
     * The parameters that name a configuration of each method even when every configuration shares
     * them: the radius, and what sets the method apart from SAM (LookSAM's k, RST's p, ...).
     */
    private static final Map<String, List<String>> DEFINING = Map.ofEntries(
            Map.entry("sam", List.of("rho")),
            Map.entry("asam", List.of("rho", "eta")),
            Map.entry("rst", List.of("rho", "p")),
            Map.entry("looksam", List.of("rho", "k")),
            Map.entry("late-sam", List.of("rho", "sam-start")),
            Map.entry("ae-sam", List.of("rho")),
            Map.entry("ae-looksam", List.of("rho")),
            Map.entry("esam", List.of("rho", "esam-beta", "esam-gamma")),
            Map.entry("msam", List.of("rho")),
            Map.entry("gsam", List.of("rho", "gsam-alpha")),
            Map.entry("fsam", List.of("rho", "fsam-sigma")),
            Map.entry("sam-on", List.of("rho")));

    private static final Map<String, String> OPTIMIZERS =
            Map.of("sgd", "SGD", "adam", "Adam", "adamw", "AdamW", "rmsprop", "RMSprop");

    private static final Map<String, String> DATASETS = Map.of(
            "fashion-mnist", "Fashion-MNIST",
            "mnist", "MNIST",
            "kmnist", "KMNIST",
            "cifar10", "CIFAR-10",
            "cifar100", "CIFAR-100",
            "svhn", "SVHN");

    private MethodNames() {}

    /** Returns the method's name, e.g. "LookSAM"; the key itself for a method this report does not know. */
    public static String method(String sam) {
        return METHODS.getOrDefault(sam, sam);
    }

    /** Returns the parameter's symbol, e.g. "ρ" for {@code rho}; the key itself when it has none. */
    public static String symbol(String parameter) {
        return SYMBOLS.getOrDefault(parameter, parameter);
    }

    /** Returns the optimizer's name, e.g. "SGD" for {@code sgd}. */
    public static String optimizer(String optimizer) {
        return OPTIMIZERS.getOrDefault(optimizer, optimizer);
    }

    /** Returns the dataset's name, e.g. "Fashion-MNIST" for {@code fashion-mnist}. */
    public static String dataset(String dataset) {
        return DATASETS.getOrDefault(dataset, dataset);
    }

    /**
     * Returns the configuration's method in few words: "SGD", "SAM ρ = 0.1", "Adam + SAM ρ = 0.1", or with
     * {@code parenthesized} "SAM (ρ = 0.1)". It names the method's defining parameters, m when it is not 0
     * (0 is the whole batch, plain SAM) and the parameters in {@code also} that the method has. A
     * configuration without settings (no config.json) is "runs".
     *
     * @param key the configuration's settings as text, by config key
     * @param also parameters to name besides the defining ones (those that differ between configurations)
     */
    public static String shortName(Map<String, String> key, Collection<String> also, boolean parenthesized) {
        if (key.isEmpty()) {
            return "runs";
        }
        String sam = key.getOrDefault(SamMethodKeys.METHOD, SamMethodKeys.NONE);
        String base = optimizer(key.getOrDefault("optimizer", "sgd"));
        if (SamMethodKeys.NONE.equals(sam)) {
            return base;
        }
        List<String> shown = new ArrayList<>();
        for (String p : parameters(sam)) {
            boolean named = "m".equals(p)
                    // m = 0 is plain SAM's whole batch, said by leaving m out even where another has m > 0.
                    ? !"0".equals(key.getOrDefault(p, "0"))
                    : DEFINING.getOrDefault(sam, List.of()).contains(p) || also.contains(p);
            if (named && key.containsKey(p)) {
                shown.add(symbol(p) + " = " + value(key.get(p)));
            }
        }
        return withBase(base, method(sam) + parameters(shown, parenthesized));
    }

    /** Returns the configuration's method without parameters: "SGD", "SAM", "Adam + LookSAM". */
    public static String plainName(Map<String, String> key) {
        if (key.isEmpty()) {
            return "runs";
        }
        String sam = key.getOrDefault(SamMethodKeys.METHOD, SamMethodKeys.NONE);
        String base = optimizer(key.getOrDefault("optimizer", "sgd"));
        return SamMethodKeys.NONE.equals(sam) ? base : withBase(base, method(sam));
    }

    /**
     * Returns the configuration's method with every parameter the run recorded and its base optimizer:
     * "SGD", "SGD + SAM (ρ = 0.05)", "SGD + LookSAM (ρ = 0.05, k = 5, α = 0.7)", "Adam + SAM (ρ = 0.05)";
     * m is left out when 0, as in {@link #shortName}.
     */
    public static String fullName(Map<String, String> key) {
        String sam = key.getOrDefault(SamMethodKeys.METHOD, SamMethodKeys.NONE);
        String base = optimizer(key.getOrDefault("optimizer", "sgd"));
        if (SamMethodKeys.NONE.equals(sam)) {
            return base;
        }
        List<String> shown = new ArrayList<>();
        for (String p : parameters(sam)) {
            if (key.containsKey(p) && !("m".equals(p) && "0".equals(key.get(p)))) {
                shown.add(symbol(p) + " = " + value(key.get(p)));
            }
        }
        return base + " + " + method(sam) + parameters(shown, true);
    }

    /** Returns a recorded value as a reader writes it: "0.1", "5", "0.0005" (not "5.0E-4"). */
    public static String value(String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            String plain = d.stripTrailingZeros().toPlainString();
            return plain.length() <= 10 ? plain : text;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** Returns the method's parameters in the catalog's order with ρ first; none for an unknown method. */
    static List<String> parameters(String sam) {
        List<String> out = new ArrayList<>();
        try {
            SamMethod method = SamMethods.named(sam);
            List<String> names = method.names();
            if (names.contains("rho")) {
                out.add("rho");
            }
            names.stream().filter(n -> !"rho".equals(n)).forEach(out::add);
        } catch (IllegalArgumentException unknown) {
            // A method of another sam4j version: named by its key, with no parameter left out of its label.
            out.addAll(SamMethodKeys.parametersOf(sam));
        }
        return out;
    }

    private static String parameters(List<String> shown, boolean parenthesized) {
        if (shown.isEmpty()) {
            return "";
        }
        String list = String.join(", ", shown);
        return parenthesized ? " (" + list + ")" : " " + list;
    }

    private static String withBase(String base, String method) {
        // SGD is the papers' default base optimizer and goes unsaid; another base is named first.
        return "SGD".equals(base) ? method : base + " + " + method;
    }
}
