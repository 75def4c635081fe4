/**
 * Sharpness analysis of trained models: Hessian-vector products and spectra, filter-normalized loss
 * landscapes and ε-sharpness, for any model and loss that sam4j-core can train.
 */
package io.sam4j.analysis;
