package io.sam4j.zoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads a dataset's files from its mirror into {@code <root>/<name>/} and verifies them.
 *
 * <p>Each file is streamed to a temporary file in the target folder while its SHA-256 is computed, then
 * moved into place atomically, so an interrupted or corrupt download never leaves a file under the final
 * name. Files already present with the published checksum are skipped; a present file with the wrong
 * checksum is downloaded again (and replaced only once the new copy verifies). Files with no published
 * checksum are kept if present and downloaded unverified otherwise.
 */
public final class DatasetFetcher {

    private static final int BUFFER_SIZE = 1 << 16;

    private final HttpClient client;
    private final PrintStream progressOut;
    private final URI mirrorOverride;

    /**
     * @param client the HTTP client; it should follow redirects (see {@link #defaultClient()})
     * @param progressOut where to draw a byte progress bar per file, or {@code null} for none
     * @param mirrorOverride a base URL replacing every file's mirror (file name resolved against it), or
     *     {@code null} to use the official mirrors; lets tests and users point at a local copy
     */
    public DatasetFetcher(HttpClient client, PrintStream progressOut, URI mirrorOverride) {
        this.client = client;
        this.progressOut = progressOut;
        this.mirrorOverride = mirrorOverride;
    }

    /**
     * @param showProgress whether to draw progress bars on standard error
     * @return a fetcher using the official mirrors and {@link #defaultClient()}
     */
    public static DatasetFetcher create(boolean showProgress) {
        return new DatasetFetcher(defaultClient(), showProgress ? System.err : null, null);
    }

    /** @return an HTTP client that follows redirects (some mirrors redirect http to https) */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** As {@link #fetch(DatasetSpec, Path)} for a catalog name. */
    public List<FetchedFile> fetch(String datasetName, Path root) {
        return fetch(DatasetCatalog.get(datasetName), root);
    }

    /**
     * @param spec the dataset
     * @param root the data root; files go to {@code root/<spec.folder()>/}
     * @return what happened to each file, in spec order
     * @throws DatasetException on an HTTP error or a checksum mismatch, naming the file
     */
    public List<FetchedFile> fetch(DatasetSpec spec, Path root) {
        return fetch(spec, root, DatasetOptions.DEFAULT);
    }

    /**
     * As {@link #fetch(DatasetSpec, Path)} for the files that {@code options} need (e.g. SVHN's extra
     * training images).
     */
    public List<FetchedFile> fetch(DatasetSpec spec, Path root, DatasetOptions options) {
        Path dir = root.resolve(spec.folder());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot create dataset folder (" + e + ")", e);
        }
        List<FetchedFile> results = new ArrayList<>();
        for (DatasetFile file : spec.loader().files(spec, options)) {
            results.add(fetchOne(file, dir.resolve(file.fileName())));
        }
        return List.copyOf(results);
    }

    /** As {@link DatasetVerifier#verify} on {@code root/<name>}, for a catalog name. */
    public static List<FileCheck> verify(String datasetName, Path root) {
        DatasetSpec spec = DatasetCatalog.get(datasetName);
        return DatasetVerifier.verify(spec, root.resolve(spec.folder()));
    }

    private FetchedFile fetchOne(DatasetFile file, Path target) {
        FileCheck existing = DatasetVerifier.check(file, target);
        if (existing.status() == FileCheck.Status.OK || existing.status() == FileCheck.Status.NO_PUBLISHED_CHECKSUM) {
            return new FetchedFile(file.fileName(), target, false, existing.actualSha256());
        }
        URI url = mirrorOverride == null ? file.url() : mirrorOverride.resolve(file.fileName());
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), file.fileName() + ".", ".part");
            String actual = download(url, file.fileName(), temp);
            if (file.hasChecksum() && !actual.equals(file.sha256())) {
                throw new DatasetException("downloaded " + file.fileName() + " from " + url
                        + " has the wrong checksum: expected sha256 " + file.sha256() + ", found " + actual);
            }
            moveIntoPlace(temp, target);
            temp = null;
            return new FetchedFile(file.fileName(), target, true, actual);
        } catch (IOException e) {
            throw new DatasetException("download of " + url + " failed (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download of " + url + " interrupted", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private String download(URI url, String fileName, Path temp) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(Duration.ofMinutes(10))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DatasetException("download of " + url + " failed: HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = Files.newOutputStream(temp);
                    ProgressBar bar = progressBar(fileName, length)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    if (bar != null) {
                        bar.stepBy(n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private ProgressBar progressBar(String fileName, long length) {
        if (progressOut == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(fileName)
                .setInitialMax(length)
                .setUnit(" MiB", 1L << 20)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progressOut))
                .build();
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // The temp file is in the target folder, so this only happens on exotic file systems.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover .part file is harmless: it never has the final name.
        }
    }
}
