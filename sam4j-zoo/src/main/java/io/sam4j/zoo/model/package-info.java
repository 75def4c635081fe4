/**
 * Image classifiers as DJL {@link ai.djl.nn.Block}s, resolved by name.
 *
 * <p>Entry point: {@link io.sam4j.zoo.model.ModelCatalog}. A name such as {@code wrn-28-10} is
 * resolved to a {@link io.sam4j.zoo.model.ModelSpec}, which is built for an input shape (C, H, W)
 * and a class count into a block that maps a batch {@code (N, C, H, W)} to logits {@code (N,
 * classes)} (no softmax).
 *
 * <p>Families: a multi-layer perceptron ({@code mlp}), a small BatchNorm CNN ({@code cnn}), the
 * CIFAR ResNets of He et al. 2016 ({@code resnet-20}, any {@code resnet-(6n+2)}), the Wide
 * ResNets of Zagoruyko &amp; Komodakis 2016 ({@code wrn-D-K}), Shake-Shake ({@code
 * shake-shake-26-2x96d}), PyramidNet with optional ShakeDrop ({@code pyramidnet-272-200-shakedrop})
 * and the ImageNet ResNets and EfficientNets in torchvision's layout ({@code
 * resnet-18/34/50/101/152}, {@code efficientnet-b0 ... b8, -l2, -l2-475}), whose parameter names
 * export to torchvision's state-dict keys. Beyond images: Transformer encoders
 * for 1-D signals ({@code transformer-ts-SIZE}, example shape (C, L)) and graph convolutional
 * networks ({@code gcn-SIZE}, example shape (F), inputs of a packed graph batch, see {@link
 * io.sam4j.zoo.model.ModelFamily#initializationShapes}). New families implement {@link
 * io.sam4j.zoo.model.ModelFamily} and are registered in {@link
 * io.sam4j.zoo.model.ModelCatalog#standard()}.
 *
 * <p>Conventions every family follows, because the SAM code depends on them:
 *
 * <ul>
 *   <li>BatchNorm running statistics are DJL {@link ai.djl.nn.Parameter}s with {@code
 *       requiresGradient() == false}; only parameters with {@code requiresGradient() == true} are
 *       trained (and counted).
 *   <li>Children are added under readable names, so parameter names such as {@code
 *       04stage1_01block1_01conv1_weight} are stable across runs and dropout settings.
 *   <li>BatchNorm is {@link io.sam4j.zoo.model.FreezableBatchNorm}, so that fine-tuning can fix its
 *       statistics.
 *   <li>Initialisation draws from the engine's random generator only, so {@code
 *       Engine.getInstance().setRandomSeed(seed)} before {@code initialize} reproduces the weights.
 * </ul>
 */
package io.sam4j.zoo.model;
