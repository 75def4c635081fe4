/**
 * Graph classification data: {@link io.sam4j.zoo.graph.Graph}s read from the TU graph-dataset text
 * format ({@link io.sam4j.zoo.graph.TuDatasetReader}), packed into block-diagonal
 * {@link io.sam4j.zoo.graph.GraphBatch}es (node features, an edge index and a graph-membership vector,
 * so that a batch costs memory linear in its nodes and edges) and the training loop's batch source
 * ({@link io.sam4j.zoo.graph.GraphBatches}).
 *
 * <p>Every error caused by bad input is a {@link io.sam4j.zoo.data.DatasetException} whose message is one
 * line naming the offending file (and line) and what is wrong.
 */
package io.sam4j.zoo.graph;
