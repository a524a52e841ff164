package dev.cxscan.checks.rules.dynamodb;

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
 * REL-002: DynamoDB tables have point-in-time recovery on (off by default).
 * AWS::DynamoDB::Table: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled true.
 * AWS::DynamoDB::GlobalTable (CDK TableV2): PITR is set per replica, so every Replicas[] entry must
 * enable it; the message names the region of each replica that does not. A value the template does
 * not resolve is reported unresolved.
 */
public final class DynamodbPitrEnabled extends AbstractRule {
    static final Check CHECK = Check.of("dynamodb_pitr_enabled",
            "DynamoDB tables (and every global table replica) have point-in-time recovery on", Severity.MEDIUM,
            "REL-002",
            "Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (on every replica of a global "
                    + "table); in CDK: TableProps.pointInTimeRecovery(true) / TableV2 pointInTimeRecovery(true).");

    private static final String PITR = "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled";

    public DynamodbPitrEnabled() {
        super(CHECK, "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable");
    }

    @Override
    public Verdict evaluate(Resource table, RuleContext context) {
        if (table.type().equals("AWS::DynamoDB::GlobalTable")) {
            return globalTable(table);
        }
        JsonNode value = table.property("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled");
        return switch (Values.bool(value, Tri.FALSE)) {
            case TRUE -> Verdict.pass("point-in-time recovery is enabled");
            case FALSE -> Verdict.fail(Values.isAbsent(value)
                    ? "point-in-time recovery is not configured (off by default)"
                    : PITR + " is false");
            case UNKNOWN -> Verdict.unresolved(PITR + " (" + Values.describe(value) + ")");
        };
    }

    private Verdict globalTable(Resource table) {
        JsonNode replicas = table.property("Replicas");
        if (Values.isIntrinsic(replicas)) {
            return Verdict.unresolved("Replicas (" + Values.describe(replicas) + ")");
        }
        List<JsonNode> list = Values.list(replicas);
        if (list.isEmpty()) {
            return Verdict.fail("the global table declares no Replicas, so no replica has point-in-time recovery");
        }
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (JsonNode replica : list) {
            String region = Values.describe(replica.path("Region"));
            JsonNode value = replica.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled");
            switch (Values.bool(value, Tri.FALSE)) {
                case TRUE -> on.add(region);
                case FALSE -> off.add(region + (Values.isAbsent(value) ? " (not configured)" : " (false)"));
                case UNKNOWN -> unknown.add(region + " (" + Values.describe(value) + ")");
            }
        }
        if (!off.isEmpty()) {
            return Verdict.fail("point-in-time recovery is off on the replica in " + String.join(", ", off));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(PITR + " of the replica in " + String.join(", ", unknown));
        }
        return Verdict.pass("point-in-time recovery is enabled on every replica (" + String.join(", ", on) + ")");
    }
}
