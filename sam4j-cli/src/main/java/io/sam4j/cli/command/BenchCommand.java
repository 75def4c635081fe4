package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code sam4j bench}: what sam4j's steps and analyses cost, on synthetic data, one subcommand per question.
 * The subcommands share {@link BenchOptions} (batch, input, rounds, engine, seed, JSON).
 */
@Command(
        name = "bench",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j bench steps --models cnn,wrn-16-4", "  sam4j bench methods all --models cnn --steps 20"},
        mixinStandardHelpOptions = true,
        subcommands = {
            BenchStepsCommand.class,
            BenchMethodsCommand.class,
            BenchMemoryCommand.class,
            BenchLoaderCommand.class,
            BenchHvpCommand.class
        },
        description = {
            "Measure what training and analysis cost: step time (steps), the SAM family (methods), peak memory"
                    + " (memory), the data loader (loader), Hessian-vector products (hvp)."
        })
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserError("bench needs a subcommand: steps, methods, memory, loader or hvp");
    }
}
