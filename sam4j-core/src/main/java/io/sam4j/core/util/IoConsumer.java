package io.sam4j.core.util;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so writing code can be passed as a lambda.
 *
 * @param <T> the consumed type
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
