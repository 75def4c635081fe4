package io.sam4j.core.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor as files hold it: element type, shape and the raw little-endian bytes in
 * row-major (C) order.
 *
 * @param name e.g. {@code layer1.0.conv1.weight}
 * @param dtype element type
 * @param shape dimensions; empty for a scalar
 * @param data {@code product(shape) * dtype.bytes()} bytes, little-endian
 */
public record NamedTensor(String name, DType dtype, long[] shape, byte[] data) {

    /** Validates that the data size matches the shape. */
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
            }
        }
        long expected = elements(shape) * dtype.bytes();
        if (data.length != expected) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " and type "
                    + dtype + " needs " + expected + " bytes but has " + data.length);
        }
    }

    /** Wraps float values (row-major) as an F32 tensor. */
    public static NamedTensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new NamedTensor(name, DType.F32, shape, buffer.array());
    }

    /** Wraps long values (row-major) as an I64 tensor. */
    public static NamedTensor ofLongs(String name, long[] shape, long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return new NamedTensor(name, DType.I64, shape, buffer.array());
    }

    /** Returns the number of elements. */
    public long size() {
        return elements(shape);
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the values as floats; F64, F16 and BF16 are converted (rounding to nearest).
     *
     * @throws IllegalArgumentException for integer or boolean tensors
     */
    public float[] toFloats() {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[Math.toIntExact(size())];
        switch (dtype) {
            case F32 -> buffer.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) buffer.getDouble();
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(buffer.getShort());
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "tensor " + name + " holds " + dtype + ", not floating-point values");
        }
        return out;
    }

    /** Returns the values of an I64 tensor. */
    public long[] toLongs() {
        if (dtype != DType.I64) {
            throw new IllegalArgumentException("tensor " + name + " holds " + dtype + ", not I64");
        }
        long[] out = new long[Math.toIntExact(size())];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    /** Returns the element count of a shape (1 for a scalar). */
    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
    private static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f; // subnormal: mantissa * 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamedTensor t
                && name.equals(t.name)
                && dtype == t.dtype
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
