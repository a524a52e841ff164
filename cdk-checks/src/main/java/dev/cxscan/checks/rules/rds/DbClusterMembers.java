package dev.cxscan.checks.rules.rds;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Values;

/**
 * Aurora (and Multi-AZ DB cluster) instances: an AWS::RDS::DBInstance with a DBClusterIdentifier
 * takes storage encryption, backups, deletion protection and availability from its cluster, so the
 * rules that judge those on the cluster give the member instance no finding of its own.
 */
public final class DbClusterMembers {
    private DbClusterMembers() {
    }

    /** True for a DB instance that names a DB cluster (a non-empty DBClusterIdentifier). */
    public static boolean isMember(Resource resource) {
        return resource.type().equals("AWS::RDS::DBInstance") && Values.isSet(resource.property("DBClusterIdentifier"));
    }
}
