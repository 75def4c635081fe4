/**
 * Fixed-length 1-D signals, such as the beat-segmented ECG sets of Kachuee, Fazeli &amp; Sarrafzadeh
 * (2018, "ECG Heartbeat Classification: A Deep Transferable Representation"): MIT-BIH arrhythmia
 * ({@code mitbih}, five classes) and PTB diagnostic ({@code ptbdb}, normal/abnormal). CSV reading with
 * one-line errors naming file and line ({@link io.sam4j.zoo.signal.SignalCsvReader}), the dataset specs
 * ({@link io.sam4j.zoo.signal.SignalCatalog}), seeded class down-sampling
 * ({@link io.sam4j.zoo.signal.ClassBalance}), signal augmentations
 * ({@link io.sam4j.zoo.signal.SignalAugmentation}) and the training loop's batch source
 * ({@link io.sam4j.zoo.signal.SignalBatches}).
 */
package io.sam4j.zoo.signal;
