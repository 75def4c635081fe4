/**
 * The run-directory format: the file names ({@link io.sam4j.core.run.RunFiles}) and JSON keys
 * ({@link io.sam4j.core.run.RunKeys}) that {@code sam4j train}, the analysis runners and the report
 * share, and {@link io.sam4j.core.run.NativeCrash}, the error file a run's JVM leaves when it dies in
 * native code. It lives in core, below both writers and the reader, so that neither side imports the other;
 * it needs nothing but the JDK.
 */
package io.sam4j.core.run;
