package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * ACCT-001: a trail records every region and is switched on. Passes when IsMultiRegionTrail is true
 * (absent means false, the CloudFormation default) and IsLogging is true. IsLogging is a required
 * property in CloudFormation, so a trail without it is reported as a FAIL rather than assumed to
 * log; for live resources the probe fills IsLogging from GetTrailStatus. Judged per trail; the
 * account-level "at least one such trail" verdict of live scans is built on these findings.
 */
public final class CloudtrailMultiRegionLogging extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_multi_region_logging",
            "CloudTrail trails are multi-region and logging", Severity.HIGH, "ACCT-001",
            "Set IsMultiRegionTrail: true and IsLogging: true on the AWS::CloudTrail::Trail; in CDK: "
                    + "new Trail(this, id, TrailProps.builder().isMultiRegionTrail(true).build()) "
                    + "(the construct always sets IsLogging true).");

    public CloudtrailMultiRegionLogging() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        JsonNode multi = trail.property("IsMultiRegionTrail");
        JsonNode logging = trail.property("IsLogging");
        Tri m = Values.bool(multi, Tri.FALSE);
        Tri l = Values.bool(logging, Tri.FALSE);
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (m == Tri.FALSE) {
            missing.add(Values.isAbsent(multi) ? "IsMultiRegionTrail is not set (defaults to false: single-region trail)"
                    : "IsMultiRegionTrail is false (single-region trail)");
        } else if (m == Tri.UNKNOWN) {
            unknown.add("IsMultiRegionTrail (" + Values.describe(multi) + ")");
        }
        if (l == Tri.FALSE) {
            missing.add(Values.isAbsent(logging) ? "IsLogging is not set (a required property: the trail is not known to log)"
                    : "IsLogging is false (the trail is stopped)");
        } else if (l == Tri.UNKNOWN) {
            unknown.add("IsLogging (" + Values.describe(logging) + ")");
        }
        if (!missing.isEmpty()) {
            String more = unknown.isEmpty() ? "" : "; also unresolved: " + String.join(", ", unknown);
            return Verdict.fail(String.join("; ", missing) + more);
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(" and ", unknown));
        }
        return Verdict.pass("multi-region trail (IsMultiRegionTrail true) with IsLogging true");
    }
}
