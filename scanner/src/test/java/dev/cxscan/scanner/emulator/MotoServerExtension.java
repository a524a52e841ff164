package dev.cxscan.scanner.emulator;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An AWS API emulator on a free loopback port for one test class: LocalStack (a container) when a
 * Docker engine answers, else moto's server ({@code moto_server}, MOTO_IAM_LOAD_MANAGED_POLICIES=true).
 * The emulator is reset before every test and stopped after the class. Without either, the tests
 * of the class are skipped with a message saying what to install.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final MotoServerExtension EMULATOR = new MotoServerExtension();
 * </pre>
 */
public final class MotoServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** moto's default account, the one every emulator request lands in. */
    public static final String ACCOUNT = "123456789012";
    /** Credentials the emulator accepts (any are accepted; these keep real ones out of tests). */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCXSCANTEST", "cxscan-test-secret"));

    private Process process;
    private String container;
    private URI endpoint;
    private Path log;
    private String kind;

    public URI endpoint() {
        return endpoint;
    }

    /** "moto_server" or "localstack". */
    public String kind() {
        return kind;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port = freePort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        if (dockerAnswers()) {
            kind = "localstack";
            Process p = new ProcessBuilder("docker", "run", "-d", "--rm", "-p", "127.0.0.1:" + port + ":4566",
                    "localstack/localstack").redirectErrorStream(true).start();
            container = new String(p.getInputStream().readAllBytes()).trim();
            Assumptions.assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                    "LocalStack did not start: " + container);
            waitReady("/_localstack/health");
            return;
        }
        Optional<String> moto = motoServer();
        Assumptions.assumeTrue(moto.isPresent(), "moto_server is not installed and no Docker engine answers: "
                + "emulator tests skipped (pip install 'moto[server]')");
        kind = "moto_server";
        log = Files.createTempFile("cxscan-moto-", ".log");
        ProcessBuilder pb = new ProcessBuilder(moto.get(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        process = pb.start();
        waitReady("/moto-api/");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (endpoint == null) {
            return;
        }
        String path = kind.equals("localstack") ? "/_localstack/state/reset" : "/moto-api/reset";
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setConnectTimeout(5000);
        c.setReadTimeout(60000);
        int code = c.getResponseCode();
        c.disconnect();
        if (code / 100 != 2) {
            throw new IllegalStateException("resetting the emulator failed: HTTP " + code);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
            process = null;
        }
        if (container != null) {
            new ProcessBuilder("docker", "stop", container).start().waitFor(60, TimeUnit.SECONDS);
            container = null;
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    private void waitReady(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(kind + " did not answer at " + endpoint + " within 90 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Optional<String> motoServer() {
        String env = System.getenv("MOTO_SERVER");
        if (env != null && new File(env).canExecute()) {
            return Optional.of(env);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, "moto_server");
                if (f.canExecute()) {
                    return Optional.of(f.getPath());
                }
            }
        }
        File shim = new File(System.getProperty("user.home"), ".pyenv/shims/moto_server");
        return shim.canExecute() ? Optional.of(shim.getPath()) : Optional.empty();
    }

    static boolean dockerAnswers() {
        if (!"true".equals(System.getProperty("cxscan.localstack", "true"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
