package dev.cxscan.scanner.probes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the live-only checks share: account-level finding locations, the ERROR findings of the probe
 * errors that name a check, and per-region facts.
 *
 * <p>Contract with the orchestrator: a LiveCheck turns the {@link ProbeError}s naming its own id into
 * its ERROR findings, so ERROR findings built from probe errors should only be added for rule (B)
 * checks. For {@link #RULES_REPLACED_IN_LIVE_SCANS} the live check gives the one account-level
 * finding CHECKS.md asks for; the template rule's per-trail findings of that id should be dropped in
 * live scans.
 */
public final class LiveChecks {
    /** Check ids whose live verdict is the LiveCheck's account-level finding, not the rule's per-resource ones. */
    public static final Set<String> RULES_REPLACED_IN_LIVE_SCANS = Set.of("cloudtrail_multi_region_logging");

    /** The resource type of account-level findings. */
    public static final String ACCOUNT = ResourceRef.ACCOUNT_TYPE;

    private LiveChecks() {
    }

    /** The account (optionally in one region) as the resource of an account-level finding. */
    public static ResourceRef account(String accountId, String region) {
        String id = accountId == null ? "account" : accountId;
        String arn = accountId == null ? null : "arn:" + ProbeSupport.partition(region) + ":iam::" + accountId + ":root";
        return ResourceRef.live(ACCOUNT, id, arn, region == null ? LiveInventory.GLOBAL : region);
    }

    public static Finding finding(Check check, Status status, String accountId, String region, String message) {
        return Finding.of(check, status, account(accountId, region), message);
    }

    /** The probe errors that name {@code checkId}. */
    public static List<ProbeError> errors(LiveInventory inventory, String checkId) {
        return inventory.errors().stream().filter(e -> e.checks().contains(checkId)).toList();
    }

    /** "could not read: iam:GetAccountSummary failed with AccessDenied (message)". */
    public static String describe(ProbeError e) {
        return e.action() + " failed with " + e.errorCode() + (e.region() == null ? "" : " in " + e.region())
                + (e.message() == null || e.message().isBlank() ? "" : ": " + e.message());
    }

    /** One ERROR finding per probe error naming the check. */
    public static List<Finding> errorFindings(Check check, LiveInventory inventory, String accountId) {
        List<Finding> out = new ArrayList<>();
        for (ProbeError e : errors(inventory, check.id())) {
            out.add(finding(check, Status.ERROR, accountId, e.region(), "could not judge: " + describe(e)));
        }
        return out;
    }

    /** The single ERROR finding when neither data nor an error exists (the probe did not run). */
    public static Finding noData(Check check, String accountId, String region, String what) {
        return finding(check, Status.ERROR, accountId, region, "no data: " + what + " was not read in this scan");
    }

    /** Facts named PREFIX@region, by region (sorted). */
    public static Map<String, JsonNode> regional(LiveInventory inventory, String prefix) {
        Map<String, JsonNode> out = new TreeMap<>();
        inventory.facts().forEach((k, v) -> {
            if (k.startsWith(prefix + "@")) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    /** The regions named by probe errors for a check. */
    public static Set<String> errorRegions(LiveInventory inventory, String checkId) {
        Set<String> out = new TreeSet<>();
        for (ProbeError e : errors(inventory, checkId)) {
            out.add(e.region() == null ? LiveInventory.GLOBAL : e.region());
        }
        return out;
    }

    /** Joins up to {@code max} items, then "and N more". */
    public static String join(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }
}
