package dev.cxscan.scanner.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeError;
import java.util.List;

/** Hand-built inventories for the live-check unit tests. */
public final class Facts {
    private Facts() {
    }

    public static JsonNode json(String text) {
        try {
            return ProbeSupport.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static LiveInventory with(String key, String json) {
        LiveInventory inv = new LiveInventory();
        inv.fact(key, json(json));
        return inv;
    }

    public static LiveInventory failed(String action, String code, String region, String... checks) {
        LiveInventory inv = new LiveInventory();
        inv.error(new ProbeError(action.substring(0, action.indexOf(':')), action, code, "denied by test", region, List.of(checks)));
        return inv;
    }

    public static Resource live(String type, String id, String region, String properties) {
        return Resource.live(type, id, "arn:aws:test:" + (region == null ? "" : region) + ":" + TestScan.ACCOUNT + ":" + id, region,
                (ObjectNode) json(properties));
    }

    public static List<Finding> run(LiveCheck check, LiveInventory inv) {
        return check.evaluate(inv, TestScan.ACCOUNT);
    }

    public static Finding one(LiveCheck check, LiveInventory inv) {
        List<Finding> f = run(check, inv);
        if (f.size() != 1) {
            throw new AssertionError("expected one finding, got " + f);
        }
        return f.get(0);
    }
}
