/**
 * Sharpness analysis of trained models: Hessian-vector products and spectra, filter-normalized loss
 * landscapes and ε-sharpness, for any model and loss that sam4j-core can train.
 *
 * <p>Analysis computes and never presents: it depends on core alone (results are typed values and files
 * named by {@code io.sam4j.core.run}); HTML pages belong to sam4j-report and console output to the CLI.
 * Double backward, which needs PyTorch's internals, is isolated in {@code hessian.pytorch}.
 */
package io.sam4j.analysis;
