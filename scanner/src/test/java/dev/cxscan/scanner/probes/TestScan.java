package dev.cxscan.scanner.probes;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.scanner.live.AwsClients;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.cloudtrail.TrailBucketFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import software.amazon.awssdk.regions.Region;

/**
 * A small in-test orchestration until AccountScan exists: every registered probe (global ones once in
 * the home region, regional ones per region), then every rule on one account-wide live ResourceSet,
 * then every live check; the rule findings replaced by live checks are dropped and trail-bucket
 * findings adjusted, as documented in LiveChecks and TrailBucketFindings.
 */
public final class TestScan {
    public static final String ACCOUNT = "123456789012";

    private TestScan() {
    }

    public static LiveInventory read(AwsClients clients, List<Region> regions, List<Probe> probes) {
        LiveInventory inventory = new LiveInventory();
        for (Probe p : probes) {
            if (p.scope() == Probe.Scope.GLOBAL) {
                p.read(new ProbeContext(clients, regions.get(0), ACCOUNT, inventory));
            } else {
                for (Region r : regions) {
                    p.read(new ProbeContext(clients, r, ACCOUNT, inventory));
                }
            }
        }
        return inventory;
    }

    public static List<Probe> allProbes() {
        List<Probe> out = new ArrayList<>();
        ServiceLoader.load(Probe.class).forEach(out::add);
        return out;
    }

    public static List<LiveCheck> allLiveChecks() {
        List<LiveCheck> out = new ArrayList<>();
        ServiceLoader.load(LiveCheck.class).forEach(out::add);
        return out;
    }

    public static ResourceSet resourceSet(LiveInventory inventory) {
        List<Resource> all = new ArrayList<>();
        inventory.resourcesByRegion().values().forEach(all::addAll);
        return new ResourceSet(ACCOUNT, true, all);
    }

    public static List<Finding> ruleFindings(LiveInventory inventory) {
        List<Finding> findings = RuleEngine.withAllRules().evaluate(resourceSet(inventory), new Diagnostics());
        findings = findings.stream().filter(f -> !LiveChecks.RULES_REPLACED_IN_LIVE_SCANS.contains(f.check())).toList();
        return TrailBucketFindings.adjust(findings, inventory, ACCOUNT);
    }

    public static List<Finding> liveFindings(LiveInventory inventory) {
        List<Finding> out = new ArrayList<>();
        for (LiveCheck c : allLiveChecks()) {
            out.addAll(c.evaluate(inventory, ACCOUNT));
        }
        return out;
    }
}
