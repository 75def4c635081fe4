/**
 * A small, dependency-free writer and reader for TensorBoard event files.
 *
 * <p>An event file is a sequence of TFRecords, each holding one serialized {@code tensorflow.Event}
 * protocol buffer. The first event carries the file version {@code brain.Event:2}; the following
 * ones carry scalar summaries and plugin summaries such as the HParams plugin's ({@link
 * io.sam4j.core.tensorboard.HParams}). {@link io.sam4j.core.tensorboard.EventFileWriter} produces such
 * files and {@link io.sam4j.core.tensorboard.EventFileReader} reads them back, verifying every
 * checksum; {@link io.sam4j.core.tensorboard.EventFiles} trims a log back to a checkpoint's step
 * when training resumes. The protobuf encoding is done by hand for the handful of fields involved, so no
 * generated code or protobuf runtime is needed.
 */
package io.sam4j.core.tensorboard;
