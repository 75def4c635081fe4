package io.sam4j.zoo.signal;

import io.sam4j.zoo.data.StratifiedSubset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded down-sampling of over-represented classes, as the ECG studies do with the Normal beats of
 * MIT-BIH: {@code downsample:0=19659} keeps 19,659 examples of class 0, {@code downsample:0=0.25} keeps a
 * quarter of them; several classes are separated by commas ({@code downsample:0=0.25,4=2000}).
 * {@code none} keeps everything.
 *
 * <p>Each down-sampled class is shuffled with its own seed derived from the given one and its first
 * examples kept; the kept positions are returned in their original order.
 */
public final class ClassBalance {

    /** Keep every example. */
    public static final ClassBalance NONE = new ClassBalance(Map.of());

    private final Map<Integer, Double> keep;

    private ClassBalance(Map<Integer, Double> keep) {
        this.keep = keep;
    }

    /**
     * Parses {@code none} or {@code downsample:CLASS=N|RATIO[,CLASS=N|RATIO...]}; a value with a
     * decimal point is a ratio in (0, 1], else a count.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static ClassBalance parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        String t = text.trim();
        String prefix = "downsample:";
        if (!t.startsWith(prefix) || t.length() == prefix.length()) {
            throw new IllegalArgumentException(
                    "expected none or downsample:CLASS=N|RATIO (e.g. downsample:0=19659)" + " but was '" + t + "'");
        }
        Map<Integer, Double> keep = new LinkedHashMap<>();
        for (String part : t.substring(prefix.length()).split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected CLASS=N or CLASS=RATIO but was '" + part.trim() + "'");
            }
            int cls;
            double value;
            try {
                cls = Integer.parseInt(kv[0].trim());
                value = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "expected CLASS=N or CLASS=RATIO with numbers but was '" + part.trim() + "'");
            }
            boolean ratio =
                    kv[1].contains(".") || kv[1].toLowerCase(Locale.ROOT).contains("e");
            if (cls < 0) {
                throw new IllegalArgumentException("class must be >= 0 but was " + cls);
            }
            if (ratio ? !(value > 0 && value <= 1) : !(value >= 1 && value == Math.rint(value))) {
                throw new IllegalArgumentException(
                        "class " + cls + ": keep a ratio in (0, 1] or a count >= 1, not " + kv[1].trim());
            }
            if (keep.put(cls, ratio ? -value : value) != null) {
                throw new IllegalArgumentException("class " + cls + " is given twice in '" + t + "'");
            }
        }
        return new ClassBalance(Map.copyOf(keep));
    }

    /** Returns whether this keeps every example. */
    public boolean isNone() {
        return keep.isEmpty();
    }

    /**
     * Chooses the examples to keep.
     *
     * @param labels one class per example
     * @param numClasses the number of classes; a named class must be below it
     * @param seed the draw's seed
     * @return kept positions, ascending
     * @throws IllegalArgumentException if a named class does not exist
     */
    public int[] select(int[] labels, int numClasses, long seed) {
        for (int cls : keep.keySet()) {
            if (cls >= numClasses) {
                throw new IllegalArgumentException(
                        "class " + cls + " does not exist (classes 0.." + (numClasses - 1) + ")");
            }
        }
        List<List<Integer>> byClass = StratifiedSubset.groupByClass(labels, numClasses);
        SplittableRandom seeds = new SplittableRandom(seed);
        int[] kept = new int[labels.length];
        int n = 0;
        for (int c = 0; c < numClasses; c++) {
            List<Integer> members = byClass.get(c);
            long classSeed = seeds.nextLong();
            Double rule = keep.get(c);
            int count = members.size();
            if (rule != null) {
                count = rule < 0 ? (int) Math.round(-rule * members.size()) : (int) Math.min(members.size(), rule);
                Collections.shuffle(members, new Random(classSeed));
            }
            for (int k = 0; k < count; k++) {
                kept[n++] = members.get(k);
            }
        }
        int[] result = Arrays.copyOf(kept, n);
        Arrays.sort(result);
        return result;
    }

    /** Returns the text {@link #parse} reads back. */
    @Override
    public String toString() {
        if (keep.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder("downsample:");
        keep.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (s.charAt(s.length() - 1) != ':') {
                s.append(',');
            }
            s.append(e.getKey())
                    .append('=')
                    .append(
                            e.getValue() < 0
                                    ? Double.toString(-e.getValue())
                                    : Long.toString(e.getValue().longValue()));
        });
        return s.toString();
    }
}
