package dev.cxscan.scanner.probes.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.SessionConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * LookupEvents, which no emulator serves, answered by a loopback server in CloudTrail's wire format
 * (JSON 1.1, X-Amz-Target CloudTrail_20131101.*): two pages, so the SDK paginator does real HTTP with
 * a NextToken; the request must ask for ReadOnly=false.
 */
class LookupEventsLoopbackTest {
    static String event(String user, String name, String agent) {
        ObjectNode e = ProbeSupport.obj();
        e.put("eventName", name).put("userAgent", agent).put("readOnly", false);
        e.putObject("userIdentity").put("userName", user);
        return e.toString();
    }

    @Test
    void consoleWritesAreCountedAcrossPages() throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = ProbeSupport.JSON.readTree(exchange.getRequestBody());
            ObjectNode answer = ProbeSupport.obj();
            if (target.endsWith("DescribeTrails")) {
                answer.putArray("trailList");
            } else if (target.endsWith("LookupEvents")) {
                requests.add(body);
                ArrayNode events = answer.putArray("Events");
                if (!body.has("NextToken")) {
                    events.addObject().put("EventName", "AuthorizeSecurityGroupIngress").put("Username", "alice")
                            .put("CloudTrailEvent", event("alice", "AuthorizeSecurityGroupIngress", "console.amazonaws.com"));
                    events.addObject().put("EventName", "CreateStack").put("Username", "deployer")
                            .put("CloudTrailEvent", event("deployer", "CreateStack", "aws-cli/2.15"));
                    answer.put("NextToken", "page2");
                } else {
                    events.addObject().put("EventName", "AuthorizeSecurityGroupIngress").put("Username", "alice")
                            .put("CloudTrailEvent", event("alice", "AuthorizeSecurityGroupIngress", "signin.amazonaws.com"));
                }
            }
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        SessionConfig config = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                .withEndpoint(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        try (AwsSession clients = new AwsSession(config, Region.US_EAST_1)) {
            LiveInventory inv = new LiveInventory();
            new CloudTrailProbe(10, Duration.ofDays(90)).read(new ProbeContext(clients, Region.US_EAST_1, MotoServerExtension.ACCOUNT, inv));
            assertEquals(List.of(), inv.errors());
            assertEquals(2, requests.size(), "two pages");
            assertEquals("ReadOnly", requests.get(0).path("LookupAttributes").get(0).path("AttributeKey").asText());
            assertEquals("false", requests.get(0).path("LookupAttributes").get(0).path("AttributeValue").asText());
            JsonNode fact = inv.fact(CloudTrailProbe.LOOKUP_FACT + "@us-east-1").orElseThrow();
            assertEquals(3, fact.path("EventsRead").asInt());
            assertEquals(2, fact.path("ConsoleWrites").asInt());
            Finding f = new NoConsoleChanges().evaluate(inv, MotoServerExtension.ACCOUNT).get(0);
            assertEquals(Status.FAIL, f.status());
            assertTrue(f.message().contains("alice AuthorizeSecurityGroupIngress x2"), f.message());
        } finally {
            server.stop(0);
        }
    }
}
