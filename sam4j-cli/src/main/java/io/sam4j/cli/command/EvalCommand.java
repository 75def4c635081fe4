package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.TrainedRun;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.train.BatchSource;
import io.sam4j.core.train.EvalResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam4j eval RUN_DIR}: evaluates a run's last checkpoint and writes {@code eval.json}. */
@Command(
        name = "eval",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j eval runs/looksam", "  sam4j eval runs/looksam --split train"},
        mixinStandardHelpOptions = true,
        description = "Evaluate the checkpoint of a run on its test (or training) set.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'sam4j train'.")
    Path runDir;

    @Mixin
    RunDataOptions data;

    @Mixin
    EngineOptions engine;

    @Option(names = "--split", description = "test or train (default: test).")
    String split = "test";

    @Override
    public Integer call() {
        if (!split.equals("test") && !split.equals("train")) {
            throw new UserError("--split must be test or train but was '" + split + "'");
        }
        engine.apply();
        try (TrainedRun trained = TrainedRun.open(runDir, data.choice(), engine.device())) {
            RunDirectory run = trained.directory();
            BatchSource data = split.equals("test")
                    ? trained.data().test()
                    : trained.data().trainForEvaluation();
            EvalResult result = trained.evaluator().evaluate(data, trained.seeds());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("split", split);
            json.put("epoch", trained.epoch());
            json.put("loss", result.loss());
            json.put("accuracy", result.accuracy());
            json.put("examples", result.examples());
            json.put("data", trained.dataRecord());
            run.writeJson(RunFiles.EVAL, json);
            System.out.printf(
                    Locale.ROOT,
                    "%s after epoch %d: loss %.4f, accuracy %.2f%% (%d examples)%n",
                    split,
                    trained.epoch(),
                    result.loss(),
                    100 * result.accuracy(),
                    result.examples());
            return 0;
        }
    }
}
