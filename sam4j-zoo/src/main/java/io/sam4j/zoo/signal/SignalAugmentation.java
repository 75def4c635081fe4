package io.sam4j.zoo.signal;

import io.sam4j.core.util.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random transforms of a 1-D signal for training, off unless asked for; the list is applied in order.
 *
 * <ul>
 *   <li>{@code scale[:S]}: multiply every amplitude by one factor drawn uniformly from [1−S, 1+S]
 *       (default S = 0.1), as if the lead's gain differed;</li>
 *   <li>{@code shift[:K]}: move the signal by a whole number of samples drawn uniformly from [−K, K]
 *       (default K = 10), filling with zeros, as the beats are zero-padded;</li>
 *   <li>{@code noise[:SIGMA]}: add independent Gaussian noise of standard deviation SIGMA (default 0.01).</li>
 * </ul>
 * Parsed from the {@code --augment} list when the data are signals, e.g. {@code scale,shift:5,noise:0.02}.
 */
public final class SignalAugmentation {

    /** The names this parser accepts. */
    public static final List<String> NAMES = List.of("none", "scale", "shift", "noise");

    private final List<Step> steps;

    private SignalAugmentation(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** One transform with its parameter. */
    private record Step(String name, double amount) {}

    /**
     * Parses a comma list of {@code none}, {@code scale[:S]}, {@code shift[:K]}, {@code noise[:SIGMA]}.
     *
     * @throws IllegalArgumentException naming the bad item
     */
    public static SignalAugmentation parse(String text) {
        List<Step> steps = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new SignalAugmentation(steps);
        }
        for (String raw : text.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            String[] parts = item.split(":", 2);
            String name = parts[0];
            if (name.equals("none") && parts.length == 1) {
                continue;
            }
            double defaultAmount = switch (name) {
                case "scale" -> 0.1;
                case "shift" -> 10;
                case "noise" -> 0.01;
                default ->
                    throw new IllegalArgumentException("unknown signal augmentation '" + raw.trim()
                            + "'; known: none, scale[:S], shift[:K], noise[:SIGMA]"
                            + Suggestions.didYouMean(name, NAMES));
            };
            double amount = defaultAmount;
            if (parts.length == 2) {
                try {
                    amount = Double.parseDouble(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw.trim() + "': '" + parts[1] + "' is not a number");
                }
            }
            boolean valid = switch (name) {
                case "scale" -> amount >= 0 && amount < 1;
                case "shift" -> amount >= 0 && amount == Math.rint(amount);
                default -> amount >= 0 && Double.isFinite(amount);
            };
            if (!valid) {
                throw new IllegalArgumentException("'" + raw.trim() + "': "
                        + switch (name) {
                            case "scale" -> "S must be in [0, 1)";
                            case "shift" -> "K must be a whole number >= 0";
                            default -> "SIGMA must be >= 0";
                        });
            }
            steps.add(new Step(name, amount));
        }
        return new SignalAugmentation(steps);
    }

    /** Returns whether no transform is applied. */
    public boolean isNone() {
        return steps.isEmpty();
    }

    /**
     * Transforms one signal in place.
     *
     * @param signal the values
     * @param offset where the signal starts
     * @param length its length
     * @param random the draws
     */
    public void apply(float[] signal, int offset, int length, SplittableRandom random) {
        for (Step step : steps) {
            switch (step.name) {
                case "scale" -> {
                    float factor = (float) (1 + step.amount * (2 * random.nextDouble() - 1));
                    for (int k = 0; k < length; k++) {
                        signal[offset + k] *= factor;
                    }
                }
                case "shift" ->
                    shift(signal, offset, length, random.nextInt(-(int) step.amount, (int) step.amount + 1));
                default -> {
                    for (int k = 0; k < length; k++) {
                        signal[offset + k] += (float) (step.amount * gaussian(random));
                    }
                }
            }
        }
    }

    private static void shift(float[] signal, int offset, int length, int by) {
        if (by == 0) {
            return;
        }
        float[] moved = new float[length];
        for (int k = 0; k < length; k++) {
            int from = k - by;
            moved[k] = from >= 0 && from < length ? signal[offset + from] : 0f;
        }
        System.arraycopy(moved, 0, signal, offset, length);
    }

    /** A standard normal draw (Box–Muller), so the stream of draws is fixed by the seed alone. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "none";
        }
        return String.join(",", steps.stream().map(s -> s.name + ":" + s.amount).toList());
    }
}
