package dev.cxscan.checks.rules.cloudtrail;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * OPE-001: the trail also delivers events to CloudWatch Logs, where metric filters and alarms can
 * watch them. Passes when both CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are set:
 * CloudTrail cannot deliver to a log group without the role it assumes to write there (the API
 * rejects one without the other), so a log group alone is a FAIL naming the missing role.
 */
public final class CloudtrailCloudwatchLogs extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_cloudwatch_logs",
            "CloudTrail trails also deliver events to CloudWatch Logs", Severity.LOW, "OPE-001",
            "Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (a role cloudtrail.amazonaws.com can assume, "
                    + "allowed logs:CreateLogStream and logs:PutLogEvents) on the trail; in CDK: "
                    + "TrailProps.builder().sendToCloudWatchLogs(true) (creates both).");

    public CloudtrailCloudwatchLogs() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        TrailSetting group = TrailSetting.read(trail.property("CloudWatchLogsLogGroupArn"), context);
        TrailSetting role = TrailSetting.read(trail.property("CloudWatchLogsRoleArn"), context);
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        sort("CloudWatchLogsLogGroupArn", group, missing, unknown);
        sort("CloudWatchLogsRoleArn", role, missing, unknown);
        if (!missing.isEmpty()) {
            String what = group.state() == TrailSetting.State.UNSET && role.state() == TrailSetting.State.UNSET
                    ? "the trail does not deliver to CloudWatch Logs"
                    : "CloudTrail cannot deliver to CloudWatch Logs without both the log group and the role";
            return Verdict.fail(what + ": " + String.join(", ", missing)
                    + (unknown.isEmpty() ? "" : "; unresolved: " + String.join(", ", unknown)));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(" and ", unknown));
        }
        return Verdict.pass("delivers to CloudWatch Logs log group " + group.description() + " with role " + role.description());
    }

    private static void sort(String name, TrailSetting s, List<String> missing, List<String> unknown) {
        switch (s.state()) {
            case UNSET -> missing.add(name + " is " + s.description());
            case UNKNOWN -> unknown.add(name + " (" + s.description() + ")");
            default -> { }
        }
    }
}
