/** Seed handling: one run seed, split into independent streams per consumer. */
package io.sam4j.core.random;
