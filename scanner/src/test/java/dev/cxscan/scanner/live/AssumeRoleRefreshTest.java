package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Assumed-role credentials are refreshed before they expire: a scan that outlasts the role session's credentials
 * goes on with fresh ones. moto does not check expiry, so the scan talks to moto through a loopback proxy that does,
 * as AWS does: it learns each session token's expiry from moto's AssumeRole answers and answers a request signed
 * with an expired token 403 ExpiredToken.
 */
class AssumeRoleRefreshTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    private static final String ROLE = "arn:aws:iam::123456789012:role/cxscan-scan";

    @Test
    void aScanLongerThanTheCredentialsLifetimeRefreshesThemAndNeverSendsExpiredOnes() throws Exception {
        try (IamClient iam = IamClient.builder().region(Region.US_EAST_1).credentialsProvider(MotoServerExtension.CREDENTIALS)
                .endpointOverride(EMULATOR.endpoint()).build()) {
            iam.createRole(r -> r.roleName("cxscan-scan").assumeRolePolicyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]}"""));
        }
        Duration lifetime = Duration.ofSeconds(5);
        Duration scan = Duration.ofSeconds(11);
        try (ExpiryCheckingProxy proxy = new ExpiryCheckingProxy(EMULATOR.endpoint())) {
            SessionConfig c = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                    .withEndpoint(proxy.endpoint())
                    .withRole(ROLE, null, "long-scan", lifetime)
                    .withRefreshBefore(Duration.ofSeconds(2));
            AtomicInteger listed = new AtomicInteger();
            TestProbe probe = new TestProbe("iam", Probe.Scope.GLOBAL, List.of("iam_no_wildcard_admin"), ctx -> {
                IamClient client = ctx.clients().client(IamClient.class, Region.AWS_GLOBAL);
                long end = System.nanoTime() + scan.toNanos();
                while (System.nanoTime() < end) {
                    ProbeSupport.call(ctx, "iam", "iam:ListRoles", null, List.of("iam_no_wildcard_admin"),
                            () -> client.listRoles(r -> r.maxItems(1)));
                    listed.incrementAndGet();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            AccountScan.Outcome o;
            long assumed;
            try (AwsSession s = new AwsSession(c, Region.US_EAST_1)) {
                assertTrue(s.identity().arn().endsWith(":assumed-role/cxscan-scan/long-scan"), s.identity().arn());
                o = new AccountScan(s, MotoServerExtension.ACCOUNT, Region.US_EAST_1, List.of(probe), List.of(),
                        RuleEngine.withAllRules(), 2, new ScanProgress() {
                        }).run(List.of(Region.US_EAST_1));
                assumed = s.recorder().calls().get("sts:AssumeRole");
            }
            assertEquals(List.of(), o.inventory().errors(), "no call failed");
            assertEquals(0, proxy.expired.get(), "no request carried expired credentials");
            // 11 s of calls with 5 s credentials refreshed 2 s before expiry: a new session about every 3 s
            assertTrue(assumed >= 3, "sts:AssumeRole called " + assumed + " times during an " + scan.toSeconds()
                    + " s scan with " + lifetime.toSeconds() + " s credentials");
            assertEquals(assumed, proxy.tokens.size(), "each AssumeRole gave a new session token");
            // and not one per call: credentials are cached between refreshes
            assertTrue(assumed * 3 < listed.get(), assumed + " AssumeRole for " + listed.get() + " ListRoles");

            // the proxy does refuse an expired token (the check above could fail)
            String first = proxy.oldestToken();
            try (IamClient stale = IamClient.builder().region(Region.US_EAST_1).endpointOverride(proxy.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAOLD", "x", first)))
                    .build()) {
                AwsServiceException e = assertThrows(AwsServiceException.class, () -> stale.listRoles());
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
            }
        }
    }

    /** Forwards every request to moto, learning session tokens' expiry and refusing expired ones. */
    static final class ExpiryCheckingProxy implements AutoCloseable {
        private static final Pattern TOKEN = Pattern.compile("<SessionToken>([^<]+)</SessionToken>");
        private static final Pattern EXPIRATION = Pattern.compile("<Expiration>([^<]+)</Expiration>");
        private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
                "transfer-encoding");

        final Map<String, Instant> tokens = new ConcurrentHashMap<>();
        final AtomicInteger expired = new AtomicInteger();
        private final URI target;
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        ExpiryCheckingProxy(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        String oldestToken() {
            return tokens.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        private void handle(HttpExchange x) throws IOException {
            try (x) {
                byte[] body = x.getRequestBody().readAllBytes();
                String token = x.getRequestHeaders().getFirst("X-Amz-Security-Token");
                Instant expiry = token == null ? null : tokens.get(token);
                if (expiry != null && !Instant.now().isBefore(expiry)) {
                    expired.incrementAndGet();
                    reply(x, 403, "text/xml", ("<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                            + "<Message>The security token included in the request is expired</Message></Error>"
                            + "<RequestId>proxy</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(x.getRequestURI().toString()))
                        .method(x.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                x.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(v -> req.header(name, v));
                    }
                });
                HttpResponse<byte[]> res = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
                String text = new String(res.body(), StandardCharsets.UTF_8);
                if (text.contains("AssumeRoleResponse")) {
                    Matcher t = TOKEN.matcher(text);
                    Matcher e = EXPIRATION.matcher(text);
                    if (t.find() && e.find()) {
                        tokens.put(t.group(1), instant(e.group(1)));
                    }
                }
                reply(x, res.statusCode(), res.headers().firstValue("Content-Type").orElse("text/xml"), res.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
            x.getResponseHeaders().set("Content-Type", type);
            x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
        }

        /** moto writes UTC timestamps, with or without an offset. */
        private static Instant instant(String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
