package dev.cxscan.scanner.probes;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A moto_server on a free loopback port, started once per test JVM (stopped by a shutdown hook),
 * with AWS-managed IAM policies loaded. {@link #reset()} empties it between tests. A minimal
 * stand-in until the core's JUnit extension exists; tests skip (assumption) when moto_server is
 * not installed.
 */
public final class MotoServer {
    private static MotoServer instance;

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "moto_server").canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static MotoServer start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            File log = File.createTempFile("moto", ".log");
            ProcessBuilder pb = new ProcessBuilder("moto_server", "-p", String.valueOf(port), "-H", "127.0.0.1");
            pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
            pb.redirectErrorStream(true).redirectOutput(log);
            Process p = pb.start();
            MotoServer server = new MotoServer(p, port);
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("moto_server exited; log: " + log);
                }
                try {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create(server.endpoint() + "/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() < 500) {
                        return server;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                Thread.sleep(200);
            }
            p.destroy();
            throw new IllegalStateException("moto_server did not answer within 60 s; log: " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** POST /moto-api/reset: forget every resource. */
    public void reset() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset: HTTP " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }
}
