package dev.cxscan.checks.rules.redshift;

import dev.cxscan.checks.BooleanPropertyRule;
import dev.cxscan.checks.Tri;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: Redshift clusters are encrypted at rest (Encrypted true). A cluster without the
 * property fails: CloudFormation and the CreateCluster API have long defaulted it to false, and
 * encryption cannot be switched on in place without a migration, so the template must say so.
 * High: a data warehouse is a primary store of customer data.
 */
public final class RedshiftClusterEncrypted extends BooleanPropertyRule {
    static final Check CHECK = Check.of("redshift_cluster_encrypted",
            "Redshift clusters are encrypted at rest", Severity.HIGH, "NETSEC-002",
            "Set Encrypted: true (and KmsKeyId for a customer managed key); "
                    + "in CDK: new Cluster(this, id, ClusterProps.builder().encrypted(true).encryptionKey(key)...) "
                    + "from @aws-cdk/aws-redshift-alpha, or CfnCluster.encrypted(true).");

    public RedshiftClusterEncrypted() {
        super(CHECK, "AWS::Redshift::Cluster", Tri.FALSE, "Encrypted");
    }
}
