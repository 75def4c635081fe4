package io.sam4j.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.report.run.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pools runs into configuration groups and names each group by what differs between groups.
 *
 * <p>Two runs share a group when their configs are equal after removing the keys that do not change
 * what is trained: the seed, paths and thread counts. Within a group, a run that repeats the seed of
 * another (by name order, the first is kept) is a duplicate, not one more seed. A group's label is its
 * method in the paper's words ({@link MethodNames}: "SGD", "SAM ρ = 0.1", "Adam + LookSAM ρ = 0.05, k =
 * 5"), then the other settings that differ between groups; a key a method ignores (ρ for plain SGD, η
 * for SAM) is left out of that method's label.
 */
public final class Grouping {

    /** Config keys that vary between repetitions of one configuration. */
    public static final Set<String> IGNORED =
            Set.of("seed", "data-dir", "workers", "threads", "eval-batch-size", "out", "resume");
    /** The method and every method's parameters, ignored when pairing a SAM group with its baseline. */
    static final Set<String> SAM_KEYS = SamMethodKeys.all();

    private static final List<String> LABEL_ORDER = List.of("model", "dataset");

    private Grouping() {}

    /** Groups {@code runs}, in the order their configurations first appear. */
    public static List<RunGroup> of(List<RunRecord> runs) {
        Map<Map<String, String>, List<RunRecord>> byKey = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            byKey.computeIfAbsent(keyOf(run), k -> new ArrayList<>()).add(run);
        }
        List<Map<String, String>> keys = new ArrayList<>(byKey.keySet());
        // Baselines first, then the methods in catalog order: the same order in every table and legend.
        keys.sort(Comparator.comparingInt(k -> SamMethodKeys.order(k.getOrDefault("sam", "none"))));
        Set<String> differing = differingKeys(keys);
        List<RunGroup> groups = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (Map<String, String> key : keys) {
            String label = label(key, differing);
            int count = used.merge(label, 1, Integer::sum);
            if (count > 1) {
                label = label + " #" + count;
            }
            List<RunRecord> members = new ArrayList<>(byKey.get(key));
            members.sort(Comparator.comparing((RunRecord r) -> seedOrder(r)).thenComparing(RunRecord::name));
            List<RunRecord> distinct = new ArrayList<>();
            List<RunRecord> duplicates = new ArrayList<>();
            Set<String> seeds = new HashSet<>();
            for (RunRecord run : members) {
                String seed = run.configText("seed");
                // A run without a recorded seed cannot be shown to repeat another.
                if (seed.isEmpty() || seeds.add(seed)) {
                    distinct.add(run);
                } else {
                    duplicates.add(run);
                }
            }
            groups.add(new RunGroup(groups.size(), label, key, List.copyOf(distinct), List.copyOf(duplicates)));
        }
        return groups;
    }

    /** Returns the sharpness-unaware group that {@code group} is compared with, if the runs hold one. */
    public static RunGroup baselineOf(RunGroup group, List<RunGroup> groups) {
        if (!group.sharpnessAware()) {
            return null;
        }
        Map<String, String> wanted = withoutSamKeys(group.key());
        for (RunGroup candidate : groups) {
            if (!candidate.sharpnessAware() && withoutSamKeys(candidate.key()).equals(wanted)) {
                return candidate;
            }
        }
        return null;
    }

    static Map<String, String> keyOf(RunRecord run) {
        Map<String, String> key = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.config().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!IGNORED.contains(e.getKey())) {
                key.put(e.getKey(), text(e.getValue()));
            }
        }
        return key;
    }

    private static Map<String, String> withoutSamKeys(Map<String, String> key) {
        Map<String, String> out = new TreeMap<>(key);
        out.keySet().removeAll(SAM_KEYS);
        return out;
    }

    static Set<String> differingKeys(List<Map<String, String>> keys) {
        Set<String> all = new LinkedHashSet<>();
        keys.forEach(k -> all.addAll(k.keySet()));
        Set<String> differing = new LinkedHashSet<>();
        for (String name : all) {
            String first = keys.get(0).get(name);
            for (Map<String, String> k : keys) {
                if (!Objects.equals(first, k.get(name))) {
                    differing.add(name);
                    break;
                }
            }
        }
        return differing;
    }

    private static String label(Map<String, String> key, Set<String> differing) {
        if (key.isEmpty()) {
            return "runs";
        }
        // The method in its paper's words, with the parameters that set it apart; then any other setting
        // that differs between configurations, as "key = value".
        String name = MethodNames.shortName(key, differing, false);
        List<String> others = new ArrayList<>(differing);
        others.removeIf(k -> SAM_KEYS.contains(k) || "optimizer".equals(k) || !key.containsKey(k));
        others.sort(Comparator.comparingInt(
                        (String n) -> LABEL_ORDER.contains(n) ? LABEL_ORDER.indexOf(n) : LABEL_ORDER.size())
                .thenComparing(Comparator.naturalOrder()));
        if (others.isEmpty()) {
            return name;
        }
        List<String> parts = new ArrayList<>();
        others.forEach(k -> parts.add(k + " = " + MethodNames.value(key.get(k))));
        return name + " · " + String.join(", ", parts);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isNumber()) {
            double d = value.asDouble();
            // 0.05 and 5.0E-2 are one value; 3 and 3.0 too.
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static long seedOrder(RunRecord run) {
        try {
            return Long.parseLong(run.configText("seed"));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
