package dev.cxscan.scanner.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP server answering AWS APIs no emulator serves, in the services' real wire formats,
 * so the SDK makes real HTTP calls: AWS JSON 1.1 operations (X-Amz-Target, e.g. CloudTrail
 * LookupEvents) and REST-JSON operations (POST to a path, e.g. account GetAlternateContact at
 * /getAlternateContact). Route a service's clients here with a per-service endpoint override:
 * {@code SessionConfig.withEndpointOverrides(Map.of("cloudtrail", server.endpoint(), "account", server.endpoint()))}.
 * Requests are not authenticated (the SDK signs them; the signature is not checked).
 */
public final class AwsWireServer implements AutoCloseable {
    /** What an operation answers: a status, an error type for errors, and a JSON body. */
    public record Reply(int status, String errorType, JsonNode body) {
        public static Reply ok(JsonNode body) {
            return new Reply(200, null, body);
        }

        public static Reply error(int status, String type, String message) {
            ObjectNode b = MAPPER.createObjectNode();
            b.put("__type", type);
            b.put("message", message);
            return new Reply(status, type, b);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Reply>> targets = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonNode, Reply>> paths = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private AwsWireServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static AwsWireServer start() throws IOException {
        return new AwsWireServer();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received: the JSON 1.1 operation name (e.g. "LookupEvents") or the REST path. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Answers the AWS JSON 1.1 operation whose X-Amz-Target ends with "." + {@code operation}. */
    public AwsWireServer onTarget(String operation, Function<JsonNode, Reply> handler) {
        targets.put(operation, handler);
        return this;
    }

    /** Answers the REST-JSON operation POSTed to {@code path} (e.g. "/getAlternateContact"). */
    public AwsWireServer onPost(String path, Function<JsonNode, Reply> handler) {
        paths.put(path, handler);
        return this;
    }

    /**
     * CloudTrail LookupEvents answering {@code events} (newest first) in pages of {@code pageSize}
     * with NextToken, honouring LookupAttributes ReadOnly=false.
     */
    public AwsWireServer cloudTrailEvents(List<ObjectNode> events, int pageSize) {
        return onTarget("LookupEvents", req -> {
            List<ObjectNode> selected = events;
            for (JsonNode a : req.path("LookupAttributes")) {
                if (a.path("AttributeKey").asText().equals("ReadOnly")) {
                    String want = a.path("AttributeValue").asText();
                    selected = selected.stream().filter(e -> e.path("ReadOnly").asText().equals(want)).toList();
                }
            }
            int from = req.hasNonNull("NextToken") ? Integer.parseInt(req.get("NextToken").asText()) : 0;
            int to = Math.min(selected.size(), from + pageSize);
            ObjectNode out = MAPPER.createObjectNode();
            ArrayNode page = out.putArray("Events");
            selected.subList(from, to).forEach(page::add);
            if (to < selected.size()) {
                out.put("NextToken", Integer.toString(to));
            }
            return Reply.ok(out);
        });
    }

    /** A CloudTrail event record as LookupEvents returns it; {@code console} sets sessionCredentialFromConsole. */
    public static ObjectNode cloudTrailEvent(String user, String eventName, String source, Instant time, boolean readOnly,
                                             boolean console) {
        ObjectNode detail = MAPPER.createObjectNode();
        detail.put("eventVersion", "1.09");
        detail.putObject("userIdentity").put("type", "IAMUser").put("userName", user)
                .put("arn", "arn:aws:iam::" + MotoServerExtension.ACCOUNT + ":user/" + user);
        detail.put("eventTime", time.toString());
        detail.put("eventSource", source);
        detail.put("eventName", eventName);
        detail.put("userAgent", console ? "AWS Internal" : "aws-cli/2.15.0");
        detail.put("readOnly", readOnly);
        if (console) {
            detail.put("sessionCredentialFromConsole", "true");
        }
        ObjectNode e = MAPPER.createObjectNode();
        e.put("EventId", java.util.UUID.randomUUID().toString());
        e.put("EventName", eventName);
        e.put("ReadOnly", Boolean.toString(readOnly));
        e.put("EventTime", time.getEpochSecond());
        e.put("EventSource", source);
        e.put("Username", user);
        e.putArray("Resources");
        e.put("CloudTrailEvent", detail.toString());
        return e;
    }

    /** Account GetAlternateContact: the given contacts by type; other types ResourceNotFoundException (404). */
    public AwsWireServer alternateContacts(Map<String, ObjectNode> byType) {
        return onPost("/getAlternateContact", req -> {
            String type = req.path("AlternateContactType").asText();
            ObjectNode c = byType.get(type);
            if (c == null) {
                return Reply.error(404, "ResourceNotFoundException", "No contact of the requested type found.");
            }
            ObjectNode contact = c.deepCopy();
            contact.put("AlternateContactType", type);
            ObjectNode out = MAPPER.createObjectNode();
            out.set("AlternateContact", contact);
            return Reply.ok(out);
        });
    }

    /** An alternate contact as GetAlternateContact returns it (without its type). */
    public static ObjectNode contact(String name, String email, String phone, String title) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("Name", name);
        c.put("EmailAddress", email);
        c.put("PhoneNumber", phone);
        c.put("Title", title);
        return c;
    }

    /** Account GetContactInformation answering {@code info} (ContactInformation's fields). */
    public AwsWireServer contactInformation(ObjectNode info) {
        return onPost("/getContactInformation", req -> {
            ObjectNode out = MAPPER.createObjectNode();
            out.set("ContactInformation", info);
            return Reply.ok(out);
        });
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode req = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            Function<JsonNode, Reply> handler;
            String contentType;
            if (target != null) {
                String op = target.substring(target.lastIndexOf('.') + 1);
                requests.add(op);
                handler = targets.get(op);
                contentType = "application/x-amz-json-1.1";
            } else {
                String path = ex.getRequestURI().getPath();
                requests.add(path);
                handler = paths.get(path);
                contentType = "application/json";
            }
            Reply reply = handler == null
                    ? Reply.error(400, "UnknownOperationException", "not served by the test server: "
                            + (target != null ? target : ex.getRequestURI().getPath()))
                    : handler.apply(req);
            byte[] out = MAPPER.writeValueAsBytes(reply.body());
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            if (reply.errorType() != null) {
                ex.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
            }
            ex.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
