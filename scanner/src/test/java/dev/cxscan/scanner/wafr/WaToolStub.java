package dev.cxscan.scanner.wafr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server answering like the Well-Architected Tool (rest-json, epoch-second timestamps, errors
 * with {@code x-amzn-ErrorType}), so the real SDK client does real HTTP. Routes are "METHOD decoded-path"
 * plus, optionally, "?NextToken=..." for later pages.
 */
final class WaToolStub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WORKLOAD = "4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f";

    record Response(int status, String errorType, String body) {
    }

    final HttpServer server;
    final Map<String, Response> routes = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    WaToolStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            String key = exchange.getRequestMethod() + " " + path;
            requests.add(key + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
            Response r = null;
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("NextToken=")) {
                        r = routes.get(key + "?NextToken=" + URLDecoder.decode(part.substring(10), StandardCharsets.UTF_8));
                    }
                }
            }
            if (r == null) {
                r = routes.getOrDefault(key, new Response(404, "ResourceNotFoundException",
                        "{\"Message\":\"no route " + key + "\",\"ResourceId\":\"" + WORKLOAD + "\",\"ResourceType\":\"WORKLOAD\"}"));
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-" + requests.size());
            if (r.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", r.errorType());
            }
            exchange.sendResponseHeaders(r.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    WaToolStub ok(String route, JsonNode body) {
        routes.put(route, new Response(200, null, body.toString()));
        return this;
    }

    WaToolStub error(String route, int status, String type, String message) {
        routes.put(route, new Response(status, type, "{\"Message\":\"" + message + "\"}"));
        return this;
    }

    /** The sample responses of RESEARCH.md: workload, lens review, two pages of answers, a milestone, an answer. */
    WaToolStub samples() {
        String base = "/workloads/" + WORKLOAD;
        String lens = base + "/lensReviews/wellarchitected";
        return ok("GET " + base, sample("get-workload.wire.json"))
                .ok("GET " + base + "/milestones/3", sample("get-milestone.wire.json"))
                .ok("GET " + lens, sample("get-lens-review.wire.json"))
                .ok("GET " + lens + "/answers", sample("list-answers.page1.wire.json"))
                .ok("GET " + lens + "/answers?NextToken=eyJwYWdlIjoyfQ==", sample("list-answers.page2.wire.json"))
                .ok("GET " + lens + "/answers/planning-for-recovery", sample("get-answer.wire.json"));
    }

    static ObjectNode sample(String name) {
        try (InputStream in = WaToolStub.class.getResourceAsStream("/wafr/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
