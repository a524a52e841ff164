package dev.cxscan.scanner.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.AwsClients;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.LiveRuleSelection;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import dev.cxscan.scanner.live.ScanProgress;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/** Hand-built inventories for the live-check unit tests. */
public final class Facts {
    /** moto's account, the one the hand-built inventories belong to. */
    public static final String ACCOUNT = MotoServerExtension.ACCOUNT;

    private Facts() {
    }

    /**
     * Every finding {@link AccountScan} gives for a hand-built inventory (every rule, every live check, the
     * live-scan adjustments), read by one global probe that copies it; no network.
     */
    public static List<Finding> scan(LiveInventory prepared) {
        Probe copy = new Probe() {
            @Override
            public String service() {
                return "test";
            }

            @Override
            public Scope scope() {
                return Scope.GLOBAL;
            }

            /** Stands in for every probe, so every live rule runs as in a real scan. */
            @Override
            public java.util.Set<String> resourceTypes() {
                java.util.Set<String> out = new java.util.TreeSet<>();
                dev.cxscan.checks.Rules.all().forEach(r -> out.addAll(LiveRuleSelection.liveInputs(r)));
                return out;
            }

            @Override
            public void read(ProbeContext context) {
                prepared.resourcesByRegion().forEach((region, list) -> list.forEach(r -> context.inventory().add(region, r)));
                prepared.facts().forEach((k, v) -> context.inventory().fact(k, v));
                prepared.errors().forEach(e -> context.inventory().error(e));
            }
        };
        try {
            return new AccountScan(new AwsClients() {
                @Override
                public <C extends software.amazon.awssdk.core.SdkClient> C client(Class<C> type, Region region) {
                    throw new UnsupportedOperationException("no network in this test");
                }
            }, ACCOUNT, Region.US_EAST_1, List.of(copy), AccountScan.loadLiveChecks(), RuleEngine.withAllRules(), 1,
                    ScanProgress.NONE).run(List.of(Region.US_EAST_1)).findings();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        return Resource.live(type, id, "arn:aws:test:" + (region == null ? "" : region) + ":" + ACCOUNT + ":" + id, region,
                (ObjectNode) json(properties));
    }

    public static List<Finding> run(LiveCheck check, LiveInventory inv) {
        return check.evaluate(inv, ACCOUNT);
    }

    public static Finding one(LiveCheck check, LiveInventory inv) {
        List<Finding> f = run(check, inv);
        if (f.size() != 1) {
            throw new AssertionError("expected one finding, got " + f);
        }
        return f.get(0);
    }
}
