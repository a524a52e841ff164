package dev.cxscan.scanner.probes.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The LookupEvents parser on canned CloudTrailEvent JSON (moto does not serve LookupEvents). */
class ConsoleWritesTest {
    static String event(String name, String agent, String fromConsole, boolean readOnly) {
        return "{\"eventName\":\"" + name + "\",\"userAgent\":\"" + agent + "\",\"readOnly\":" + readOnly
                + (fromConsole == null ? "" : ",\"sessionCredentialFromConsole\":\"" + fromConsole + "\"")
                + ",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"alice\"}}";
    }

    @Test
    void countsConsoleWritesPerUserAndEvent() {
        ConsoleWrites w = new ConsoleWrites();
        w.add("alice", "RunInstances", event("RunInstances", "AWS Internal", "true", false));
        w.add("alice", "RunInstances", event("RunInstances", "console.amazonaws.com", null, false));
        w.add("bob", "PutBucketPolicy", event("PutBucketPolicy", "signin.amazonaws.com", null, false));
        w.add("deployer", "CreateStack", event("CreateStack", "aws-cli/2.15 Python/3.11", null, false));
        w.add("alice", "DescribeInstances", event("DescribeInstances", "console.amazonaws.com", "true", true));
        w.add(null, null, "not json");
        JsonNode j = w.toJson(Duration.ofDays(90));
        assertEquals(6, j.path("EventsRead").asInt());
        assertEquals(3, j.path("ConsoleWrites").asInt());
        assertEquals("alice", j.path("Top").get(0).path("User").asText());
        assertEquals("RunInstances", j.path("Top").get(0).path("EventName").asText());
        assertEquals(2, j.path("Top").get(0).path("Count").asInt());
        assertEquals(2, j.path("Top").size());
    }
}
