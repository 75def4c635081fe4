/**
 * Learning-rate schedules as DJL {@link ai.djl.training.tracker.Tracker}s, defined per optimizer
 * step so that they work with any DJL optimizer.
 */
package io.sam4j.core.schedule;
