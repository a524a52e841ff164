package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cxscan.scanner.demo.Seeder;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.Probe;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxscan account --resume DIR} on the emulator: a scan of the seeded noncompliant account is killed
 * midway in a child JVM, the same command resumes it, and the report equals an uninterrupted scan's while the
 * account receives fewer calls.
 */
class AccountResumeMotoTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REGIONS = List.of("us-east-1");

    @TempDir
    Path dir;

    /** Emulators take any credentials; these keep real ones out of the test (the CLI reads the default chain). */
    @BeforeAll
    static void emulatorCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDCXSCANTEST");
        System.setProperty("aws.secretAccessKey", "cxscan-test-secret");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    private List<String> args(URI endpoint, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("account", "--endpoint-url", endpoint.toString(),
                "--regions", String.join(",", REGIONS), "--out", out.toString(), "--format", "json", "--fail-on", "none"));
        a.addAll(Arrays.asList(more));
        return a;
    }

    @Test
    void aScanKilledMidwayIsResumedAndEqualsAnUninterruptedScan() throws Exception {
        new Seeder().seed(EMULATOR.endpoint().toString(), "noncompliant");
        int total = parts();
        try (GatedForwarder forwarder = new GatedForwarder(EMULATOR.endpoint())) {
            // the reference: one uninterrupted scan, without --resume
            CliRun whole = CliRun.run(args(forwarder.uri(), dir.resolve("whole")).toArray(String[]::new));
            int wholeCalls = forwarder.requests.getAndSet(0);
            assertEquals(ExitCodes.SCAN_ERROR, whole.exit(), "moto answers no LookupEvents: exit 3\n" + whole);

            // the same scan with --resume in a child JVM, one part at a time; killed once half its parts are saved,
            // the account held still meanwhile so no part can complete between the count and the kill
            Path resume = dir.resolve("resume");
            Path childLog = dir.resolve("child.log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", testClassPath(), "dev.cxscan.scanner.Main"));
            cmd.addAll(args(forwarder.uri(), dir.resolve("killed"), "--concurrency", "1", "--resume", resume.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(childLog.toFile());
            pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDCXSCANTEST");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "cxscan-test-secret");
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
            Process child = pb.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (saved(resume).size() < total / 2) {
                    assertTrue(child.isAlive(), "the child scan ended before it was killed:\n" + Files.readString(childLog));
                    assertTrue(System.nanoTime() < deadline, "no " + total / 2 + " parts saved within 90 s: "
                            + saved(resume) + "\n" + Files.readString(childLog));
                    Thread.sleep(20);
                }
                forwarder.hold();
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            forwarder.release();
            List<Path> before = saved(resume);
            assertTrue(before.size() >= total / 2 && before.size() < total,
                    "killed midway: " + before.size() + " of " + total + " parts saved");
            assertTrue(Files.readString(childLog).contains("saving each part of the scan to " + resume),
                    Files.readString(childLog));
            int reusable = 0;
            for (Path p : before) {
                JsonNode part = JSON.readTree(p.toFile()); // every saved part is whole JSON: written atomically
                reusable += part.path("errors").isEmpty() ? 1 : 0;
            }
            assertTrue(reusable > 0, "parts saved without an error: " + before);

            // the same command line resumes it (in this JVM, at the default concurrency)
            forwarder.requests.set(0);
            Path resumedOut = dir.resolve("resumed");
            CliRun resumed = CliRun.run(args(forwarder.uri(), resumedOut, "--resume", resume.toString())
                    .toArray(String[]::new));
            int resumedCalls = forwarder.requests.getAndSet(0);
            assertEquals(whole.exit(), resumed.exit(), resumed.toString());
            assertTrue(resumed.err().contains("resuming from " + resume), resumed.err());
            assertTrue(resumed.err().contains(reusable + " of " + total + " part(s) reused without an API call"),
                    resumed.err());
            assertEquals(findings(dir.resolve("whole")), findings(resumedOut));
            assertTrue(resumedCalls < wholeCalls, "resumed: " + resumedCalls + " calls, uninterrupted: " + wholeCalls);
            assertEquals(total, saved(resume).size(), "every part is saved once the scan completes");
            System.out.printf("resume: %d of %d parts saved before the kill (%d without error); API calls: "
                    + "uninterrupted %d, resumed %d%n", before.size(), total, reusable, wholeCalls, resumedCalls);

            // a part cut short by hand is not trusted: read again, with a warning, same report
            Path ec2 = resume.resolve("part-us-east-1-ec2.json");
            byte[] bytes = Files.readAllBytes(ec2);
            Files.write(ec2, Arrays.copyOf(bytes, bytes.length / 3));
            Path againOut = dir.resolve("again");
            CliRun again = CliRun.run(args(forwarder.uri(), againOut, "--resume", resume.toString())
                    .toArray(String[]::new));
            assertTrue(again.err().contains("warning: the saved part " + ec2 + " cannot be read")
                    && again.err().contains("ec2 in us-east-1 is read again"), again.err());
            assertTrue(forwarder.requests.get() < wholeCalls, "the other parts are reused: " + forwarder.requests.get());
            assertEquals(findings(dir.resolve("whole")), findings(againOut));
            assertTrue(JSON.readTree(ec2.toFile()).isObject(), "saved whole again");
        }
    }

    @Test
    void aFolderOfAnotherAccountIsRefused() throws Exception {
        Path resume = Files.createDirectories(dir.resolve("resume"));
        ObjectNode manifest = JSON.createObjectNode().put("formatVersion", 1).put("cxscanVersion", "0")
                .put("account", "210987654321").put("startedAt", "2024-01-01T00:00:00Z");
        Files.writeString(resume.resolve("manifest.json"), manifest.toString());
        CliRun r = CliRun.run(args(EMULATOR.endpoint(), dir.resolve("out"), "--resume", resume.toString())
                .toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("holds a scan of account 210987654321, not of " + MotoServerExtension.ACCOUNT
                + ": give a fresh folder"), r.err());
        assertFalse(Files.exists(dir.resolve("out").resolve("results.json")), "no scan ran");
    }

    /** How many parts the scan of {@link #REGIONS} has: each GLOBAL probe once, each REGIONAL one per region. */
    private static int parts() {
        int n = 0;
        for (Probe p : AccountScan.loadProbes()) {
            n += p.scope() == Probe.Scope.GLOBAL ? 1 : REGIONS.size();
        }
        return n;
    }

    private static List<Path> saved(Path resume) throws IOException {
        if (!Files.isDirectory(resume)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(resume)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    /** (check, resource, status, message) of every finding in results.json. */
    private static Set<String> findings(Path out) throws IOException {
        Set<String> lines = new TreeSet<>();
        for (JsonNode f : JSON.readTree(out.resolve("results.json").toFile()).path("findings")) {
            lines.add(f.path("check").asText() + " | " + f.path("resource").toString() + " | "
                    + f.path("status").asText() + " | " + f.path("message").asText());
        }
        assertFalse(lines.isEmpty());
        return lines;
    }

    /** The test JVM's classpath as a list of entries (surefire may hand the JVM a manifest-only jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /**
     * A loopback HTTP forwarder in front of the emulator that counts the requests it forwards and can hold them
     * (the gate): a held request is answered only when the forwarder closes.
     */
    static final class GatedForwarder implements AutoCloseable {
        private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect",
                "upgrade", "transfer-encoding", "keep-alive");

        final AtomicInteger requests = new AtomicInteger();
        private final URI target;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "resume-test-forwarder");
            t.setDaemon(true);
            return t;
        });
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedForwarder(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(threads);
            server.createContext("/", this::forward);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        /** Holds every request from now on, until {@link #release}. */
        void hold() {
            gate = new CountDownLatch(1);
        }

        /** Lets the held requests and every later one through. */
        void release() {
            gate.countDown();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                gate.await();
                requests.incrementAndGet();
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(v -> req.header(name, v));
                    }
                });
                HttpResponse<byte[]> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                resp.headers().map().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] out = resp.body();
                boolean noBody = out.length == 0 || exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(resp.statusCode(), noBody ? -1 : out.length);
                if (!noBody) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            gate.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
