package dev.cxscan.checks.rules.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.OptionalInt;
import java.util.Set;

/**
 * OPE-001: CloudWatch Logs log groups have a retention period. Without RetentionInDays the events
 * never expire (the service default), which the checklist's operational hygiene asks to decide
 * explicitly. CDK's LogGroup writes RetentionInDays 731 (two years) by default, so CDK log groups
 * pass unless retention is set to INFINITE. The value must be one CloudWatch Logs accepts (the guard
 * rule CW_LOGGROUP_RETENTION_PERIOD_CHECK fails other numbers too); an unresolved value is reported
 * unresolved.
 */
public final class LogGroupRetention extends AbstractRule {
    static final Check CHECK = Check.of("log_group_retention",
            "CloudWatch Logs log groups have a retention period", Severity.LOW, "OPE-001",
            "Set RetentionInDays (e.g. 365) on the AWS::Logs::LogGroup; in CDK: LogGroupProps.retention("
                    + "RetentionDays.ONE_YEAR) (avoid RetentionDays.INFINITE).");

    /** The values the PutRetentionPolicy API and AWS::Logs::LogGroup accept. */
    static final Set<Integer> VALID_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public LogGroupRetention() {
        super(CHECK, "AWS::Logs::LogGroup");
    }

    @Override
    public Verdict evaluate(Resource logGroup, RuleContext context) {
        JsonNode value = logGroup.property("RetentionInDays");
        if (Values.isAbsent(value)) {
            return Verdict.fail("RetentionInDays is not set: log events never expire");
        }
        OptionalInt days = Values.integer(value);
        if (days.isEmpty()) {
            return Verdict.unresolved("RetentionInDays (" + Values.describe(value) + ")");
        }
        int d = days.getAsInt();
        if (!VALID_DAYS.contains(d)) {
            return Verdict.fail("RetentionInDays " + d + " is not a retention period CloudWatch Logs accepts");
        }
        return Verdict.pass("log events are kept for " + d + " days");
    }
}
