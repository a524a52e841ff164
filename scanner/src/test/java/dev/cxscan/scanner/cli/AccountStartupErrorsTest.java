package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxscan account} failing before the scan starts, as a person reads it: one line that says what to fix.
 * Every case points --endpoint-url at a loopback server that counts requests, to show that none was sent.
 */
class AccountStartupErrorsTest {
    /** The system properties the SDK's default chain reads (credentials, profile files, instance metadata). */
    private static final List<String> SDK_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey",
            "aws.secretKey", "aws.sessionToken", "aws.configFile", "aws.sharedCredentialsFile", "aws.disableEc2Metadata",
            "aws.profile", "aws.region");

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        SDK_PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private CliRun account(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("account", "--endpoint-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void noCredentialsIsOneLineThatSaysWhereCredentialsComeFrom() throws Exception {
        for (String env : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            assumeTrue(System.getenv(env) == null, env + " is set: the default chain would find credentials");
        }
        Path empty = Files.createFile(dir.resolve("empty"));
        SDK_PROPERTIES.forEach(System::clearProperty);
        System.setProperty("aws.configFile", empty.toString());
        System.setProperty("aws.sharedCredentialsFile", empty.toString());
        System.setProperty("aws.disableEc2Metadata", "true");

        CliRun r = account("--regions", "us-east-1");

        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r::toString);
        String line = lines.get(0);
        assertTrue(line.startsWith("cxscan: error: no AWS credentials found: "), line);
        assertTrue(line.contains("--profile") && line.contains("aws sso login") && line.contains("AWS_ACCESS_KEY_ID"),
                line);
        assertTrue(line.length() < 250, line.length() + " characters: " + line);
        assertFalse(line.contains("Unable to load credentials"), "the SDK's provider-by-provider account: " + line);
        assertEquals(0, requests.get(), "requests sent without credentials");
    }

    @Test
    void aProfileWithoutCredentialsIsNamedInOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        SDK_PROPERTIES.forEach(System::clearProperty);
        System.setProperty("aws.configFile", empty.toString());
        System.setProperty("aws.sharedCredentialsFile", empty.toString());

        CliRun r = account("--regions", "us-east-1", "--profile", "nosuch");

        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), r::toString);
        List<String> lines = r.err().lines().filter(l -> l.startsWith("cxscan: error:")).toList();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("cxscan: error: no AWS credentials from profile nosuch: "), r::toString);
        assertTrue(lines.get(0).length() < 400, r::toString);
        assertEquals(0, requests.get());
    }

    @Test
    void aMistypedRegionIsRefusedWithTheNearestBeforeAnyCall() {
        CliRun r = account("--regions", "us-east-1,eu-wset-1");
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertTrue(r.err().startsWith("cxscan: error: unknown region eu-wset-1 (did you mean eu-west-1?)\n"), r::toString);
        assertEquals(0, requests.get(), "an emulator is no reason to send calls to a region that does not exist");
        assertFalse(Files.exists(dir.resolve("out").resolve("results.json")), "no report for a scan that did not run");
    }

    @Test
    void aRegionNumberThatDoesNotExistNamesTheNeighbours() {
        CliRun r = account("--regions", "us-east-9");
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertTrue(r.err().contains("cxscan: error: unknown region us-east-9 (did you mean us-east-1 or us-east-2?)"),
                r::toString);
        assertEquals(0, requests.get());
    }

    @Test
    void aMistypedConfiguredRegionIsRefusedAndSaysWhereItIsSet() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null);
        System.setProperty("aws.region", "eu-wset-1"); // what AWS_REGION sets, in-process

        CliRun r = account();

        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertTrue(r.err().contains("cxscan: error: unknown region eu-wset-1 in AWS_REGION or the profile's region "
                + "(did you mean eu-west-1?)"), r::toString);
        assertEquals(0, requests.get());
    }

    @Test
    void aNameNothingLikeARegionSaysSo() {
        CliRun r = account("--regions", "production");
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertTrue(r.err().contains("cxscan: error: unknown region production: not among the regions"), r::toString);
        assertEquals(0, requests.get());
    }
}
