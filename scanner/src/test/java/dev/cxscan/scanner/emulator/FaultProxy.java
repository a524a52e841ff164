package dev.cxscan.scanner.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 proxy in front of the emulator that puts {@link Fault}s on the wire: per AWS operation
 * ({@link AwsWireRequest#operation()}, e.g. {@code iam:GetAccountSummary}, {@code s3:GetBucketEncryption}), for the
 * first N matching requests (a transient fault) or for all of them (a persistent one), or at random with a fixed
 * seed. Every other request is forwarded to the emulator unchanged (JDK HttpClient). It records every operation it
 * saw and every fault it injected, so tests can assert on what happened on the wire.
 *
 * <pre>
 * try (FaultProxy proxy = new FaultProxy(EMULATOR.endpoint())) {
 *     proxy.fail("iam:GetAccountPasswordPolicy", Fault.ACCESS_DENIED, FaultProxy.ALWAYS);
 *     ... scan with --endpoint-url proxy.endpoint() ...
 *     proxy.injected(); // [iam:GetAccountPasswordPolicy ACCESS_DENIED x1]
 * }
 * </pre>
 *
 * <p>Request bodies must carry a Content-Length (the scanner only reads: no chunked uploads).
 */
public final class FaultProxy implements AutoCloseable {
    /** As the {@code times} of {@link #fail}: every matching request, a persistent fault. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    /** What was injected: a fault on an operation, {@code count} times. */
    public record Injected(String operation, Fault fault, int count) {
        @Override
        public String toString() {
            return operation + " " + fault + " x" + count;
        }
    }

    /** A fault for the requests whose operation matches, {@code remaining} more times. */
    private static final class Rule {
        final Predicate<String> operation;
        final Fault fault;
        final AtomicInteger remaining;

        Rule(Predicate<String> operation, Fault fault, int times) {
            this.operation = operation;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        boolean take(String op) {
            if (!operation.test(op)) {
                return false;
            }
            // ALWAYS never runs out; a count stops at 0
            return remaining.getAndUpdate(n -> n == ALWAYS || n == 0 ? n : n - 1) > 0;
        }
    }

    /** Faults at random: each request of a matching operation fails with {@code probability}. */
    private record Chaos(long seed, double probability, List<Fault> faults, Predicate<String> operations) {
    }

    private final URI upstream;
    private final ServerSocket server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final List<java.util.function.Function<AwsWireRequest, java.util.Optional<Reply>>> handlers =
            new CopyOnWriteArrayList<>();
    private volatile Chaos chaos;
    private volatile Duration delay = Duration.ofSeconds(10);

    /** Starts the proxy on a free 127.0.0.1 port, forwarding to {@code upstream} (e.g. the emulator's endpoint). */
    public FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    /** The proxy's endpoint, for {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Injects {@code fault} into the first {@code times} requests of {@code operation} ({@code service:Operation},
     * or {@code service:*} for every operation of a service), or into all of them with {@link #ALWAYS}. Rules are
     * tried in the order they were added; the first one that still has requests to fail wins.
     */
    public FaultProxy fail(String operation, Fault fault, int times) {
        return fail(operation.endsWith(":*") ? op -> op.startsWith(operation.substring(0, operation.length() - 1))
                : operation::equals, fault, times);
    }

    /** As {@link #fail(String, Fault, int)}, for the operations {@code operations} accepts. */
    public FaultProxy fail(Predicate<String> operations, Fault fault, int times) {
        rules.add(new Rule(operations, fault, times));
        return this;
    }

    /**
     * Fails each request of an operation accepted by {@code operations} with {@code probability}, picking one of
     * {@code faults}. The draw for the n-th request of an operation depends only on (seed, operation, n), so a run
     * injects the same faults into each operation whatever order the scan's threads send them in.
     */
    public FaultProxy random(long seed, double probability, List<Fault> faults, Predicate<String> operations) {
        chaos = new Chaos(seed, probability, List.copyOf(faults), operations);
        return this;
    }

    /** How long {@link Fault#DELAY} holds an answer back (default 10 s). */
    public Duration delay() {
        return delay;
    }

    public FaultProxy delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** An answer a {@link #serve} handler gives in place of the emulator. */
    public record Reply(int status, String contentType, String body) {
    }

    /**
     * Lets {@code handler} answer the requests it recognises (an API the emulator does not serve, e.g. moto's
     * missing AWS Backup selections); the others are forwarded. Faults are applied before handlers.
     */
    public FaultProxy serve(java.util.function.Function<AwsWireRequest, java.util.Optional<Reply>> handler) {
        handlers.add(handler);
        return this;
    }

    /** Drops every rule and the random faults, and forgets what was seen and injected. */
    public void reset() {
        rules.clear();
        chaos = null;
        seen.clear();
        injected.clear();
    }

    /** How many requests of each operation reached the proxy (faulted or not), sorted by operation. */
    public Map<String, Integer> seen() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        seen.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The faults injected so far, by operation and fault, sorted. */
    public List<Injected> injected() {
        List<Injected> out = new ArrayList<>();
        injected.forEach((k, v) -> {
            int space = k.lastIndexOf(' ');
            out.add(new Injected(k.substring(0, space), Fault.valueOf(k.substring(space + 1)), v.get()));
        });
        out.sort(java.util.Comparator.comparing(Injected::operation).thenComparing(Injected::fault));
        return out;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(FaultProxy::closeQuietly);
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Serves the requests of one keep-alive connection until the client closes it or a fault ends it. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            AwsWireRequest request;
            while ((request = read(in)) != null) {
                if (!answer(request, socket, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (or a fault closed the connection): nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request; false when the connection must not be used again. */
    private boolean answer(AwsWireRequest request, Socket socket, OutputStream out)
            throws IOException, InterruptedException {
        String op = request.operation();
        seen.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        Fault fault = faultFor(op);
        if (fault == null) {
            java.util.Optional<Answer> own = served(request);
            write(out, own.isPresent() ? own.get() : forward(request), request);
            return true;
        }
        injected.computeIfAbsent(op + " " + fault, k -> new AtomicInteger()).incrementAndGet();
        switch (fault) {
            case RESET -> {
                socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
                return false;
            }
            case DELAY -> {
                Thread.sleep(delay.toMillis());
                write(out, forward(request), request);
                return true;
            }
            case TRUNCATED -> {
                Answer a = forward(request);
                out.write(head(a.status(), a.headers(), a.body().length));
                out.write(a.body(), 0, a.body().length / 2);
                out.flush();
                return false;
            }
            case GARBAGE -> {
                byte[] body = "<<< this is neither JSON nor XML }}}".getBytes(StandardCharsets.UTF_8);
                write(out, new Answer(200, Map.of("Content-Type", List.of("text/plain")), body), request);
                return true;
            }
            default -> {
                write(out, error(request.protocol(), fault, op), request);
                return true;
            }
        }
    }

    private Fault faultFor(String op) {
        for (Rule r : rules) {
            if (r.take(op)) {
                return r.fault;
            }
        }
        Chaos c = chaos;
        if (c != null && c.operations().test(op)) {
            int n = seen.get(op).get();
            Random draw = new Random(c.seed() * 1_000_003L + op.hashCode() * 31L + n);
            if (draw.nextDouble() < c.probability()) {
                return c.faults().get(draw.nextInt(c.faults().size()));
            }
        }
        return null;
    }

    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private java.util.Optional<Answer> served(AwsWireRequest request) {
        for (var h : handlers) {
            java.util.Optional<Reply> r = h.apply(request);
            if (r.isPresent()) {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                headers.put("Content-Type", List.of(r.get().contentType()));
                headers.put("x-amzn-RequestId", List.of("cxscan-served"));
                return java.util.Optional.of(new Answer(r.get().status(), headers,
                        r.get().body().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return java.util.Optional.empty();
    }

    private Answer forward(AwsWireRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(request.target()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((k, v) -> {
            if (!AwsWireRequest.HOP_BY_HOP.contains(k)) {
                b.header(k, v);
            }
        });
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().map(), r.body());
    }

    /** An AWS error in the protocol's own shape. */
    private static Answer error(AwsWireRequest.Protocol protocol, Fault fault, String op) {
        record Code(int status, String code) {
        }
        Code c = switch (fault) {
            case THROTTLE -> switch (protocol) {
                case JSON -> new Code(400, "ThrottlingException");
                case QUERY -> new Code(400, "Throttling");
                case EC2 -> new Code(503, "RequestLimitExceeded");
                case S3 -> new Code(503, "SlowDown");
            };
            case INTERNAL_ERROR -> new Code(500, "InternalError");
            case ACCESS_DENIED -> switch (protocol) {
                case JSON -> new Code(403, "AccessDeniedException");
                case QUERY, S3 -> new Code(403, "AccessDenied");
                case EC2 -> new Code(403, "UnauthorizedOperation");
            };
            default -> throw new IllegalArgumentException(fault + " is not an error answer");
        };
        // the message names neither the operation nor the fault: tests must find those in what cxscan itself reports
        String message = "injected by FaultProxy";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String body;
        switch (protocol) {
            case JSON -> {
                headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
                headers.put("x-amzn-ErrorType", List.of(c.code()));
                body = "{\"__type\":\"" + c.code() + "\",\"message\":\"" + message + "\"}";
            }
            case QUERY -> body = "<ErrorResponse><Error><Type>Sender</Type><Code>" + c.code() + "</Code><Message>"
                    + message + "</Message></Error><RequestId>cxscan-fault</RequestId></ErrorResponse>";
            case EC2 -> body = "<Response><Errors><Error><Code>" + c.code() + "</Code><Message>" + message
                    + "</Message></Error></Errors><RequestID>cxscan-fault</RequestID></Response>";
            default -> body = "<Error><Code>" + c.code() + "</Code><Message>" + message
                    + "</Message><RequestId>cxscan-fault</RequestId></Error>";
        }
        headers.putIfAbsent("Content-Type", List.of("text/xml"));
        headers.put("x-amzn-RequestId", List.of("cxscan-fault"));
        return new Answer(c.status(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, Answer a, AwsWireRequest request) throws IOException {
        boolean head = request.method().equals("HEAD");
        out.write(head(a.status(), a.headers(), a.body().length));
        if (!head) {
            out.write(a.body());
        }
        out.flush();
    }

    private static byte[] head(int status, Map<String, List<String>> headers, int length) {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((k, values) -> {
            if (!AwsWireRequest.HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> h.append(k).append(": ").append(v).append("\r\n"));
            }
        });
        h.append("Content-Length: ").append(length).append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** The next request on the connection, or null at its end. */
    private static AwsWireRequest read(InputStream in) throws IOException {
        String requestLine = line(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) {
            throw new IOException("not an HTTP request: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("chunked request bodies are not supported by FaultProxy");
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        return new AwsWireRequest(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
