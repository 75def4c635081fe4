/**
 * Loss landscapes of trained models (Li, Xu, Taylor, Studer &amp; Goldstein 2018, "Visualizing the
 * Loss Landscape of Neural Nets", NeurIPS): random filter-normalized directions, 1-D and 2-D scans of
 * θ + αd₁ + βd₂, and the linear interpolation between two trained models (Goodfellow, Vinyals &amp;
 * Saxe 2015), each point evaluated in inference mode on a fixed sample without gradients.
 */
package io.sam4j.analysis.landscape;
