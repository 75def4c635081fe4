/**
 * The one place in {@code sam4j-zoo} that calls the PyTorch engine's internals: sparse COO tensors for
 * the graph models' message passing ({@code JniUtils.createSparseCoo}).
 *
 * <p>Why engine-specific: DJL's API builds sparse arrays only from host buffers, which would copy every
 * batch's edge index off the device and back, and PyTorch's sparse–dense product is what keeps graph
 * batches linear in nodes and edges and twice differentiable. Every other model and dataset is written
 * against {@code ai.djl:api}; the module compiles against {@code pytorch-engine} in {@code provided}
 * scope, which users do not inherit. The architecture test allows {@code ai.djl.pytorch} imports only in
 * packages named {@code pytorch}.
 */
package io.sam4j.zoo.model.pytorch;
