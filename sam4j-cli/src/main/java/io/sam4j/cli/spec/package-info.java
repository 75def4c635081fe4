/**
 * The run specification: every setting of {@code sam4j train} declared once, and the one path that
 * resolves them.
 *
 * <p>{@link io.sam4j.cli.spec.Settings} declares each setting ({@link io.sam4j.cli.spec.Setting}: name,
 * {@link io.sam4j.cli.spec.ValueType type}, default, help, whether {@code --resume} may change it, when it
 * applies). From those declarations come the {@code train} options ({@link
 * io.sam4j.cli.spec.SettingOptions}), the config-file keys ({@link io.sam4j.cli.spec.SettingsFile}), the
 * sweep's axes, the resume rules and the README's table ({@link io.sam4j.cli.spec.SettingsTable}).
 * {@link io.sam4j.cli.spec.SpecResolver} layers defaults, preset, config file and flags for a new run,
 * or a run's record and the flags given for a resumed one, and {@link io.sam4j.cli.spec.RunSpec#of}
 * checks the result once into typed, immutable records: data, model, optimization, SAM, run. {@link
 * io.sam4j.cli.spec.Presets} reads the SAM paper's presets ({@code presets.yaml}) into settings through
 * their declarations, and {@link io.sam4j.cli.spec.ConfigFiles} holds the JSON mapper of run files.
 */
package io.sam4j.cli.spec;
