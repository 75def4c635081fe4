/**
 * Where a model's arrays live. Every array that sam4j's step, losses, data loaders, checkpoint
 * loading and Hessian code create comes from a manager derived from the one the model was
 * initialized under, so choosing a device is choosing that root manager:
 * {@code NDManager.newBaseManager(Devices.parse("gpu:1"))}.
 */
package io.sam4j.core.device;
