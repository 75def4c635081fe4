package io.sam4j.core.train;

/**
 * Loss and accuracy of a model on a dataset.
 *
 * @param loss the mean loss over all examples
 * @param accuracy the fraction of correctly classified examples
 * @param examples the number of examples
 */
public record EvalResult(double loss, double accuracy, int examples) {}
