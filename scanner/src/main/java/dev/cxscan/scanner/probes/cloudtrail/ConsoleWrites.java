package dev.cxscan.scanner.probes.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts write events made from the AWS Management Console in LookupEvents answers: an event whose
 * CloudTrailEvent JSON has sessionCredentialFromConsole "true", or whose userAgent is a console
 * agent (console.amazonaws.com, signin.amazonaws.com, or a *.console.aws.amazon.com host). Read-only events are already excluded by the ReadOnly=false lookup;
 * an event that still says readOnly true is skipped.
 */
public final class ConsoleWrites {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int events;
    private int consoleEvents;
    private boolean truncated;

    public void add(String user, String eventName, String cloudTrailEvent) {
        events++;
        JsonNode e;
        try {
            e = cloudTrailEvent == null ? ProbeSupport.obj() : ProbeSupport.JSON.readTree(cloudTrailEvent);
        } catch (Exception ex) {
            e = ProbeSupport.obj();
        }
        if (e.path("readOnly").asBoolean(false)) {
            return;
        }
        if (!fromConsole(e)) {
            return;
        }
        consoleEvents++;
        String who = user != null && !user.isBlank() ? user
                : e.path("userIdentity").path("userName").asText(e.path("userIdentity").path("arn").asText("unknown"));
        String name = eventName != null ? eventName : e.path("eventName").asText("unknown");
        counts.merge(who + " " + name, 1, Integer::sum);
    }

    static boolean fromConsole(JsonNode e) {
        JsonNode fromConsole = e.path("sessionCredentialFromConsole");
        if (fromConsole.asText("").equalsIgnoreCase("true")) {
            return true;
        }
        String agent = e.path("userAgent").asText("").toLowerCase(Locale.ROOT);
        return agent.equals("console.amazonaws.com") || agent.equals("signin.amazonaws.com")
                || agent.contains("console.aws.amazon.com");
    }

    void truncated() {
        truncated = true;
    }

    /** {"Days": 90, "EventsRead": n, "ConsoleWrites": n, "Truncated": bool, "Top": [{"User", "EventName", "Count"}]}. */
    public JsonNode toJson(Duration history) {
        ObjectNode o = ProbeSupport.obj();
        o.put("Days", history.toDays());
        o.put("EventsRead", events);
        o.put("ConsoleWrites", consoleEvents);
        o.put("Truncated", truncated);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        ArrayNode top = o.putArray("Top");
        for (Map.Entry<String, Integer> en : sorted) {
            int space = en.getKey().lastIndexOf(' ');
            top.addObject().put("User", en.getKey().substring(0, space)).put("EventName", en.getKey().substring(space + 1))
                    .put("Count", en.getValue());
        }
        return o;
    }
}
