package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.zoo.data.ArchiveExtractor;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetFetcher;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.DatasetOptions;
import io.sam4j.zoo.data.DatasetSpec;
import io.sam4j.zoo.data.DatasetVerifier;
import io.sam4j.zoo.data.EmbeddedSubset;
import io.sam4j.zoo.data.FetchedFile;
import io.sam4j.zoo.data.FileCheck;
import io.sam4j.zoo.graph.TuDatasets;
import io.sam4j.zoo.signal.SignalCatalog;
import io.sam4j.zoo.signal.SignalSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam4j datasets list|fetch|verify}. */
@Command(
        name = "datasets",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j datasets list", "  sam4j datasets fetch cifar10"},
        mixinStandardHelpOptions = true,
        description = "List, download and verify datasets.",
        subcommands = {DatasetsCommand.List.class, DatasetsCommand.Fetch.class, DatasetsCommand.Verify.class})
public final class DatasetsCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options of a fetch or verify: {@code --svhn-extra} only means something for SVHN. */
    static DatasetOptions options(DatasetSpec spec, boolean svhnExtra) {
        if (svhnExtra && !"svhn".equals(spec.name())) {
            throw new UserError("--svhn-extra applies to svhn only, not '" + spec.name() + "'");
        }
        return new DatasetOptions(false, svhnExtra);
    }

    /** The folder a dataset was found in, saying so when it is the subset shipped in the jar. */
    static String describe(Path found) {
        return EmbeddedSubset.in(found)
                .map(subset -> subset.describe() + " (no full copy found), unpacked in " + found)
                .orElse(found.toString());
    }

    /** Options for where datasets live. */
    static final class Location {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Root holding one folder per dataset.")
        Path dataDir;
    }

    @Command(
            name = "list",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j datasets list", "  sam4j datasets list --data-dir /data/sets"},
            mixinStandardHelpOptions = true,
            description = "List known datasets and where each was found.")
    static final class List implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Mixin
        Location location;

        @Override
        public Integer call() {
            DatasetLocator locator = DatasetLocator.fromSystem();
            System.out.printf(Locale.ROOT, "%-16s %-9s %-8s %s%n", "name", "shape", "classes", "location");
            for (String name : DatasetCatalog.names()) {
                DatasetSpec spec = DatasetCatalog.get(name);
                Optional<Path> found = locator.find(spec, location.dataDir);
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %-9s %-8d %s%n",
                        name,
                        spec.channels() + "x" + spec.height() + "x" + spec.width(),
                        spec.numClasses(),
                        found.map(DatasetsCommand::describe).orElse("missing (sam4j datasets fetch " + name + ")"));
            }
            for (String name : SignalCatalog.names()) {
                SignalSpec spec = SignalCatalog.get(name);
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %-9s %-8d %s%n",
                        name,
                        "1x" + spec.length(),
                        spec.classNames().size(),
                        spec.find(locator, location.dataDir)
                                .map(Path::toString)
                                .orElse("missing (manual download: sam4j datasets fetch " + name + ")"));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %-9s %-8s %s%n",
                    "tu:NAME",
                    "graphs",
                    "-",
                    "any TU graph dataset in DIR/NAME/ (e.g. tu:Mutagenicity; sam4j datasets fetch tu:NAME)");
            return 0;
        }
    }

    @Command(
            name = "fetch",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j datasets fetch fashion-mnist", "  sam4j datasets fetch cifar10 --extract"},
            mixinStandardHelpOptions = true,
            description = {
                "Download a dataset from its official mirror, checking SHA-256 sums.",
                "Archives (CIFAR) are read as they are; --extract also unpacks them beside the archive."
            })
    static final class Fetch implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Mixin
        Location location;

        @Parameters(
                paramLabel = "NAME",
                description = "A dataset of 'sam4j datasets list' (e.g. fashion-mnist, cifar10), or tu:NAME.")
        String name;

        @Option(names = "--svhn-extra", description = "Also fetch SVHN's extra_32x32.mat (1.3 GB).")
        boolean svhnExtra;

        @Option(
                names = "--extract",
                description =
                        "Unpack downloaded .tar.gz archives into the dataset folder (entries that would land outside it are refused).")
        boolean extract;

        @Override
        public Integer call() {
            Path root = DatasetLocator.fromSystem().downloadRoot(location.dataDir);
            if (SignalCatalog.contains(name)) {
                throw new UserError(
                        name + ": " + SignalCatalog.get(name).howToGet().replace("DIR/", root + "/"));
            }
            if (TuDatasets.isTu(name)) {
                String tu = TuDatasets.name(name);
                throw new UserError(name + ": sam4j does not download TU datasets (no checksummed mirror). "
                        + TuDatasets.howToGet(tu));
            }
            DatasetSpec spec = DatasetCatalog.get(name);
            java.util.List<FetchedFile> files =
                    DatasetFetcher.create(!output.quiet()).fetch(spec, root, options(spec, svhnExtra));
            for (FetchedFile f : files) {
                System.out.println((f.downloaded() ? "downloaded " : "present    ") + f.path());
                if (extract && ArchiveExtractor.isArchive(f.fileName())) {
                    java.util.List<Path> extracted =
                            ArchiveExtractor.extract(f.path(), f.path().getParent());
                    System.out.println("extracted  " + extracted.size() + " files from " + f.fileName());
                }
            }
            return 0;
        }
    }

    @Command(
            name = "verify",
            footerHeading = "%nExamples:%n",
            footer = {"  sam4j datasets verify fashion-mnist", "  sam4j datasets verify svhn --svhn-extra"},
            mixinStandardHelpOptions = true,
            description = "Check a dataset's files against their SHA-256 sums.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Mixin
        Location location;

        @Parameters(paramLabel = "NAME", description = "A dataset of 'sam4j datasets list'.")
        String name;

        @Option(names = "--svhn-extra", description = "Also verify SVHN's extra_32x32.mat.")
        boolean svhnExtra;

        @Override
        public Integer call() {
            DatasetSpec spec = DatasetCatalog.get(name);
            DatasetOptions options = options(spec, svhnExtra);
            Path dir = DatasetLocator.fromSystem().locate(spec, location.dataDir, options);
            java.util.List<FileCheck> checks = EmbeddedSubset.in(dir)
                    .map(subset -> subset.verify(dir))
                    .orElseGet(() -> DatasetVerifier.verify(spec, dir, options));
            boolean ok = true;
            for (FileCheck check : checks) {
                System.out.println(check.message());
                ok &= check.ok() || check.status() == FileCheck.Status.NO_PUBLISHED_CHECKSUM;
            }
            return ok ? 0 : 1;
        }
    }
}
