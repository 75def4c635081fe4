package io.sam4j.zoo.signal;

import io.sam4j.zoo.data.DatasetException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signal datasets sam4j knows: the beat-segmented ECG sets of Kachuee, Fazeli &amp; Sarrafzadeh
 * (2018), each beat 187 samples at 125 Hz scaled to [0, 1] and zero-padded.
 *
 * <ul>
 *   <li>{@code mitbih}: MIT-BIH arrhythmia database (Moody &amp; Mark 2001), 87,554 training and 21,892
 *       test beats in five AAMI classes N (normal), S (supraventricular ectopic), V (ventricular
 *       ectopic), F (fusion), Q (unknown);</li>
 *   <li>{@code ptbdb}: PTB diagnostic ECG database (Bousseljot et al. 1995), 4,046 normal and 10,506
 *       abnormal beats in two files, split by sam4j.</li>
 * </ul>
 */
public final class SignalCatalog {

    /** The Kaggle release of both sets. */
    public static final String KAGGLE = "https://www.kaggle.com/datasets/shayanfazeli/heartbeat";
    /** Samples per beat. */
    public static final int BEAT_LENGTH = 187;

    private static final Map<String, SignalSpec> KNOWN = new TreeMap<>(Map.of(
            "mitbih",
                    new SignalSpec(
                            "mitbih",
                            BEAT_LENGTH,
                            List.of("N", "S", "V", "F", "Q"),
                            List.of("mitbih_train.csv"),
                            "mitbih_test.csv",
                            KAGGLE),
            "ptbdb",
                    new SignalSpec(
                            "ptbdb",
                            BEAT_LENGTH,
                            List.of("normal", "abnormal"),
                            List.of("ptbdb_normal.csv", "ptbdb_abnormal.csv"),
                            null,
                            KAGGLE)));

    private SignalCatalog() {}

    /** Returns the names, sorted. */
    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** Returns whether {@code name} is a signal dataset. */
    public static boolean contains(String name) {
        return KNOWN.containsKey(name);
    }

    /**
     * Returns a spec.
     *
     * @throws DatasetException for an unknown name
     */
    public static SignalSpec get(String name) {
        SignalSpec spec = KNOWN.get(name);
        if (spec == null) {
            throw new DatasetException(
                    "unknown signal dataset '" + name + "'; known: " + String.join(", ", KNOWN.keySet()));
        }
        return spec;
    }
}
