package dev.cxscan.checks.rules.docdb;

import dev.cxscan.checks.BooleanPropertyRule;
import dev.cxscan.checks.Tri;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: DocumentDB clusters are encrypted at rest (StorageEncrypted true). Absent means
 * false in CloudFormation (the console defaults differ, the API does not), and encryption cannot be
 * turned on after creation. High: a database.
 */
public final class DocdbClusterEncrypted extends BooleanPropertyRule {
    static final Check CHECK = Check.of("docdb_cluster_encrypted",
            "DocumentDB clusters are encrypted at rest", Severity.HIGH, "NETSEC-002",
            "Set StorageEncrypted: true (and KmsKeyId for a customer managed key); in CDK the docdb "
                    + "DatabaseCluster encrypts by default (storageEncrypted), CfnDBCluster needs storageEncrypted(true).");

    public DocdbClusterEncrypted() {
        super(CHECK, "AWS::DocDB::DBCluster", Tri.FALSE, "StorageEncrypted");
    }
}
