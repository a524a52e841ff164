package dev.cxscan.checks.rules.rds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * REL-002: RDS DB instances and DB clusters have DeletionProtection true (RDS default: false).
 * A DB instance with DBClusterIdentifier belongs to an Aurora / Multi-AZ cluster: its data and its
 * deletion protection are the cluster's, so the instance is not judged (no finding) and the cluster
 * is. An intrinsic the template does not resolve is reported unresolved.
 */
public final class RdsDeletionProtection extends AbstractRule {
    static final Check CHECK = Check.of("rds_deletion_protection",
            "RDS DB instances and clusters have DeletionProtection true", Severity.LOW, "REL-002",
            "Set DeletionProtection: true on the AWS::RDS::DBInstance or AWS::RDS::DBCluster; "
                    + "in CDK: DatabaseInstanceProps / DatabaseClusterProps .deletionProtection(true).");

    public RdsDeletionProtection() {
        super(CHECK, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
    }

    @Override
    public Verdict evaluate(Resource db, RuleContext context) {
        if (DbClusterMembers.isMember(db)) {
            return Verdict.notApplicable();
        }
        JsonNode value = db.property("DeletionProtection");
        return switch (Values.bool(value, Tri.FALSE)) {
            case TRUE -> Verdict.pass("DeletionProtection is true");
            case FALSE -> Verdict.fail(Values.isAbsent(value)
                    ? "DeletionProtection is not set (RDS defaults to false): the database can be deleted"
                    : "DeletionProtection is false: the database can be deleted");
            case UNKNOWN -> Verdict.unresolved("DeletionProtection (" + Values.describe(value) + ")");
        };
    }
}
