/**
 * ε-sharpness of a trained model: the largest increase of the loss within a ball around the weights
 * (Keskar et al. 2017), found by projected gradient ascent, in the m-sharpness form of Foret et al. (2021)
 * and over the adaptive ball of ASAM (Kwon et al. 2021).
 */
package io.sam4j.analysis.sharpness;
