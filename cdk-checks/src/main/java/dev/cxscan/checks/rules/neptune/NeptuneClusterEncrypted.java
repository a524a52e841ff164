package dev.cxscan.checks.rules.neptune;

import dev.cxscan.checks.BooleanPropertyRule;
import dev.cxscan.checks.Tri;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: Neptune clusters are encrypted at rest (StorageEncrypted true). CloudFormation
 * defaults the property to false and it cannot be changed after creation. High: a database.
 */
public final class NeptuneClusterEncrypted extends BooleanPropertyRule {
    static final Check CHECK = Check.of("neptune_cluster_encrypted",
            "Neptune clusters are encrypted at rest", Severity.HIGH, "NETSEC-002",
            "Set StorageEncrypted: true (and KmsKeyId for a customer managed key); in CDK the neptune-alpha "
                    + "DatabaseCluster encrypts by default, CfnDBCluster needs storageEncrypted(true).");

    public NeptuneClusterEncrypted() {
        super(CHECK, "AWS::Neptune::DBCluster", Tri.FALSE, "StorageEncrypted");
    }
}
