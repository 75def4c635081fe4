package io.sam4j.cli.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec.ModelSettings;
import io.sam4j.core.random.Seeds;
import io.sam4j.zoo.model.FreezableBatchNorm;
import io.sam4j.zoo.model.ModelCatalog;
import io.sam4j.zoo.model.ModelOptions;

/** Builds a run's network from its model settings: what training and every analysis of a run share. */
public final class ModelFactory {

    private ModelFactory() {}

    /**
     * Builds the model for its input and initializes it, seeded from the run's INIT stream.
     *
     * @throws UserError for a model that rejects the input, or {@code --freeze-bn} without BatchNorm
     */
    public static Block build(ModelSettings model, ModelInput input, Seeds seeds, NDManager manager) {
        Block block;
        try {
            ModelCatalog catalog = ModelCatalog.standard();
            // Models with reference regularisation (EfficientNet: dropout 0.2-0.5, drop-connect 0.2)
            // keep it unless --dropout sets another rate; for all others the reference is none.
            ModelOptions options = catalog.referenceOptions(model.name());
            if (model.dropout() != null) {
                options = options.withDropout(model.dropout().floatValue());
            }
            if (model.dropConnect() != null) {
                options = options.withDropConnect(model.dropConnect().floatValue());
            }
            block = catalog.build(model.name(), input.example(), input.classes(), options);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Engine.getInstance().setRandomSeed(Long.hashCode(seeds.of(Seeds.Stream.INIT)));
        block.initialize(manager, DataType.FLOAT32, input.initialization());
        if (model.freezeBn() && FreezableBatchNorm.freezeAll(block) == 0) {
            throw new UserError("--freeze-bn: model " + model.name() + " has no BatchNorm to freeze");
        }
        return block;
    }
}
