package io.sam4j.zoo.augment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/** A Random whose nextInt(bound) and nextDouble() return scripted values, so tests know every draw. */
final class ScriptedRandom extends Random {

    private static final long serialVersionUID = 1L;
    private final Deque<Double> values = new ArrayDeque<>();

    ScriptedRandom(double... values) {
        for (double v : values) {
            this.values.add(v);
        }
    }

    @Override
    public int nextInt(int bound) {
        int v = (int) (double) values.removeFirst();
        if (v < 0 || v >= bound) {
            throw new AssertionError("scripted " + v + " outside [0, " + bound + ")");
        }
        return v;
    }

    @Override
    public double nextDouble() {
        return values.removeFirst();
    }
}
