/** The resolved configuration of a training run, read from YAML and flags and recorded as JSON. */
package io.sam4j.cli.config;
