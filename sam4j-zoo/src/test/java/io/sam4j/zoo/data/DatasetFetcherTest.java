package io.sam4j.zoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fetcher against a local HTTP server on 127.0.0.1; no other network is used. */
class DatasetFetcherTest {

    private static final byte[] CONTENT = "sam4j test payload\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    private static final String CONTENT_SHA = sha256(CONTENT);
    private static final String WRONG_SHA = "0".repeat(64);

    @TempDir
    Path root;

    private HttpServer server;
    private URI base;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/files/".length());
            if (name.startsWith("missing")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, CONTENT.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(CONTENT);
                }
            }
            exchange.close();
        });
        server.createContext("/moved/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/moved/".length());
            exchange.getResponseHeaders().add("Location", "/files/" + name);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static DatasetSpec spec(URI base, String... nameAndSha) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSha.length; i += 2) {
            files.put(nameAndSha[i], nameAndSha[i + 1]);
        }
        return TestDatasets.spec("toy", base, files);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("toy"))) {
            return files.filter(p -> p.toString().endsWith(".part")).toList();
        }
    }

    @Test
    void downloadsVerifiesAndSkipsGoodCopies() throws IOException {
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, null);
        DatasetSpec spec = spec(base, "a.bin", CONTENT_SHA, "b.bin", CONTENT_SHA);

        List<FetchedFile> first = fetcher.fetch(spec, root);
        assertThat(first).extracting(FetchedFile::downloaded).containsExactly(true, true);
        assertThat(Files.readAllBytes(root.resolve("toy/a.bin"))).isEqualTo(CONTENT);
        assertThat(first.get(1).sha256()).isEqualTo(CONTENT_SHA);
        assertThat(requests).hasValue(2);

        List<FetchedFile> second = fetcher.fetch(spec, root);
        assertThat(second).extracting(FetchedFile::downloaded).containsExactly(false, false);
        assertThat(requests).hasValue(2);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void checksumMismatchDeletesTheDownloadAndNamesFileExpectedAndActual() throws IOException {
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, null);
        DatasetSpec spec = spec(base, "bad.bin", WRONG_SHA);
        assertThatThrownBy(() -> fetcher.fetch(spec, root))
                .isInstanceOf(DatasetException.class)
                .hasMessage("downloaded bad.bin from " + base + "bad.bin has the wrong checksum: expected sha256 "
                        + WRONG_SHA + ", found " + CONTENT_SHA);
        assertThat(root.resolve("toy/bad.bin")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void httpErrorIsOneLineNamingTheUrl() throws IOException {
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, null);
        DatasetSpec spec = spec(base, "missing.bin", CONTENT_SHA);
        assertThatThrownBy(() -> fetcher.fetch(spec, root))
                .isInstanceOf(DatasetException.class)
                .hasMessage("download of " + base + "missing.bin failed: HTTP 404");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void followsRedirectsAndHonoursMirrorOverride() throws IOException {
        URI moved = base.resolve("/moved/");
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, moved);
        DatasetSpec spec = spec(URI.create("http://unreachable.invalid/"), "a.bin", CONTENT_SHA);
        assertThat(fetcher.fetch(spec, root))
                .extracting(FetchedFile::downloaded)
                .containsExactly(true);
        assertThat(Files.readAllBytes(root.resolve("toy/a.bin"))).isEqualTo(CONTENT);
    }

    @Test
    void replacesACorruptCopy() throws IOException {
        Files.createDirectories(root.resolve("toy"));
        Files.writeString(root.resolve("toy/a.bin"), "corrupt");
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, null);
        assertThat(fetcher.fetch(spec(base, "a.bin", CONTENT_SHA), root).get(0).downloaded())
                .isTrue();
        assertThat(Files.readAllBytes(root.resolve("toy/a.bin"))).isEqualTo(CONTENT);
    }

    @Test
    void drawsAProgressBarWhenAsked() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DatasetFetcher fetcher = new DatasetFetcher(
                DatasetFetcher.defaultClient(), new PrintStream(console, true, StandardCharsets.UTF_8), null);
        fetcher.fetch(spec(base, "a.bin", CONTENT_SHA), root);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("a.bin").contains("100%");
    }

    @Test
    void verifyReportsEachFileStatus() throws IOException {
        Path dir = Files.createDirectories(root.resolve("toy"));
        Files.write(dir.resolve("good.bin"), CONTENT);
        Files.write(dir.resolve("bad.bin"), CONTENT);
        Files.write(dir.resolve("unpublished.bin"), CONTENT);
        List<DatasetFile> files = List.of(
                DatasetFile.of("good.bin", base.resolve("good.bin"), CONTENT_SHA),
                DatasetFile.of("bad.bin", base.resolve("bad.bin"), WRONG_SHA),
                DatasetFile.of("unpublished.bin", base.resolve("unpublished.bin"), null),
                DatasetFile.of("absent.bin", base.resolve("absent.bin"), CONTENT_SHA));
        DatasetSpec spec = new DatasetSpec(
                "toy", files, 1, 1, 1, List.of("x"), new float[] {0}, new float[] {1}, new IdxDatasetLoader());

        List<FileCheck> checks = DatasetVerifier.verify(spec, dir);
        assertThat(checks)
                .extracting(FileCheck::status)
                .containsExactly(
                        FileCheck.Status.OK,
                        FileCheck.Status.CHECKSUM_MISMATCH,
                        FileCheck.Status.NO_PUBLISHED_CHECKSUM,
                        FileCheck.Status.MISSING);
        assertThat(checks.get(1).message())
                .isEqualTo(dir.resolve("bad.bin") + ": checksum mismatch: expected sha256 " + WRONG_SHA + ", found "
                        + CONTENT_SHA);
        assertThat(checks.get(2).message())
                .isEqualTo(dir.resolve("unpublished.bin") + ": present, no published checksum (sha256 " + CONTENT_SHA
                        + ")");
        assertThat(checks.get(3).message()).isEqualTo(dir.resolve("absent.bin") + ": missing");
    }

    @Test
    void alsoAcceptedChecksumsPassVerificationButNotDownload() throws IOException {
        Path dir = Files.createDirectories(root.resolve("toy"));
        Files.write(dir.resolve("repacked.bin"), CONTENT);
        DatasetFile file =
                new DatasetFile("repacked.bin", base.resolve("repacked.bin"), WRONG_SHA, Set.of(CONTENT_SHA));
        assertThat(DatasetVerifier.check(file, dir.resolve("repacked.bin")).ok())
                .isTrue();
    }

    @Test
    void verifyByCatalogNameOnAnEmptyRootReportsAllMissing() {
        assertThat(DatasetFetcher.verify("mnist", root))
                .hasSize(4)
                .allMatch(c -> c.status() == FileCheck.Status.MISSING);
    }

    @Test
    void optionsChooseWhichFilesAreFetchedAndVerified() {
        DatasetFile extra = DatasetFile.of("extra_32x32.mat", base.resolve("extra_32x32.mat"), CONTENT_SHA);
        DatasetSpec spec = new DatasetSpec(
                "svhn-like",
                List.of(
                        DatasetFile.of("train_32x32.mat", base.resolve("train_32x32.mat"), CONTENT_SHA),
                        DatasetFile.of("test_32x32.mat", base.resolve("test_32x32.mat"), CONTENT_SHA)),
                3,
                32,
                32,
                TestDatasets.TEN,
                new float[] {0, 0, 0},
                new float[] {1, 1, 1},
                new SvhnLoader(extra));
        DatasetFetcher fetcher = new DatasetFetcher(DatasetFetcher.defaultClient(), null, null);
        assertThat(fetcher.fetch(spec, root))
                .extracting(FetchedFile::fileName)
                .containsExactly("train_32x32.mat", "test_32x32.mat");
        assertThat(requests.get()).isEqualTo(2);
        DatasetOptions withExtra = new DatasetOptions(false, true);
        assertThat(DatasetVerifier.verify(spec, root.resolve("svhn-like"), withExtra))
                .extracting(FileCheck::status)
                .containsExactly(FileCheck.Status.OK, FileCheck.Status.OK, FileCheck.Status.MISSING);
        List<FetchedFile> fetched = fetcher.fetch(spec, root, withExtra);
        assertThat(fetched).extracting(FetchedFile::downloaded).containsExactly(false, false, true);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(DatasetVerifier.verify(spec, root.resolve("svhn-like"), withExtra))
                .allMatch(FileCheck::ok);
    }
}
