package io.sam4j.core.weights;

import java.util.Locale;

/**
 * Element types of exchanged tensors, with their safetensors names and NumPy {@code descr} strings
 * (both little-endian).
 */
public enum DType {
    F64(8, "<f8"),
    F32(4, "<f4"),
    F16(2, "<f2"),
    BF16(2, null),
    I64(8, "<i8"),
    I32(4, "<i4"),
    I16(2, "<i2"),
    I8(1, "|i1"),
    U8(1, "|u1"),
    BOOL(1, "|b1");

    private final int bytes;
    private final String numpyDescr;

    DType(int bytes, String numpyDescr) {
        this.bytes = bytes;
        this.numpyDescr = numpyDescr;
    }

    /** Returns the size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Returns the name safetensors uses, e.g. {@code F32}. */
    public String safetensorsName() {
        return name();
    }

    /**
     * Returns NumPy's type string, e.g. {@code <f4}.
     *
     * @throws IllegalArgumentException for {@link #BF16}, which NumPy lacks
     */
    public String numpyDescr() {
        if (numpyDescr == null) {
            throw new IllegalArgumentException(name() + " has no NumPy equivalent");
        }
        return numpyDescr;
    }

    /**
     * Parses a NumPy type string ({@code <f4}, {@code |u1}; {@code =} and {@code <} both mean little-endian
     * here).
     *
     * @return the type, or null if unknown or big-endian
     */
    public static DType fromNumpy(String descr) {
        String little = descr.startsWith("=") ? "<" + descr.substring(1) : descr;
        for (DType type : values()) {
            if (little.equals(type.numpyDescr)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Parses a safetensors dtype name.
     *
     * @return the type, or null if unknown
     */
    public static DType fromSafetensors(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
