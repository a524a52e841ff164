package dev.cxscan.checks.rules.rds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.OptionalInt;

/**
 * REL-002: automated backups of RDS DB instances and DB clusters are kept for at least
 * {@value #MIN_DAYS} days (BackupRetentionPeriod), enough to recover from a problem noticed a few
 * days late.
 *
 * <p>Absent BackupRetentionPeriod means the RDS default of 1 day for both DBInstance and DBCluster,
 * which fails. cfn_nag W75 and the guard rule DB_INSTANCE_BACKUP_ENABLED only require backups to be
 * on (&gt; 0) and pass the 1-day default; this rule deliberately asks for the {@value #MIN_DAYS}-day
 * week that checkov uses for DocumentDB/Neptune (CKV_AWS_360/361) and that CHECKS.md names.
 * A DB instance with DBClusterIdentifier is a cluster member: retention is the cluster's property,
 * so the instance is not judged (no finding) and the cluster is.
 */
public final class RdsBackupRetention extends AbstractRule {
    static final int MIN_DAYS = 7;

    static final Check CHECK = Check.of("rds_backup_retention",
            "RDS DB instances and clusters keep automated backups for 7 days or more", Severity.MEDIUM, "REL-002",
            "Set BackupRetentionPeriod to 7 or more (up to 35); in CDK: DatabaseInstanceProps.backupRetention("
                    + "Duration.days(7)) or DatabaseClusterProps.backup(BackupProps.builder().retention(Duration.days(7))...).");

    public RdsBackupRetention() {
        super(CHECK, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
    }

    @Override
    public Verdict evaluate(Resource db, RuleContext context) {
        if (DbClusterMembers.isMember(db)) {
            return Verdict.notApplicable();
        }
        JsonNode value = db.property("BackupRetentionPeriod");
        if (Values.isAbsent(value)) {
            return Verdict.fail("BackupRetentionPeriod is not set: RDS defaults to 1 day, below the " + MIN_DAYS
                    + " days required");
        }
        OptionalInt days = Values.integer(value);
        if (days.isEmpty()) {
            return Verdict.unresolved("BackupRetentionPeriod (" + Values.describe(value) + ")");
        }
        int d = days.getAsInt();
        if (d <= 0) {
            return Verdict.fail("BackupRetentionPeriod is " + d + ": automated backups are disabled");
        }
        if (d < MIN_DAYS) {
            return Verdict.fail("BackupRetentionPeriod is " + d + " day" + (d == 1 ? "" : "s") + ", below the "
                    + MIN_DAYS + " days required");
        }
        return Verdict.pass("automated backups kept for " + d + " days");
    }
}
