package dev.cxscan.scanner.probes.rds;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;
import static dev.cxscan.scanner.probes.ProbeSupport.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import dev.cxscan.scanner.probes.backup.BackupProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * RDS of one region: DescribeDBInstances and DescribeDBClusters (paginators) as AWS::RDS::DBInstance
 * (id the instance identifier) and AWS::RDS::DBCluster (id the cluster identifier), so that a
 * member instance's DBClusterIdentifier and an alarm's DBInstanceIdentifier dimension find them.
 * DocumentDB and Neptune share these APIs; their engines (docdb, neptune) are left out, since the
 * RDS rules do not describe them.
 */
public final class RdsProbe implements Probe {
    private static final List<String> CHECKS = ProbeSupport.concat(List.of("rds_storage_encrypted", "rds_backup_retention",
            "rds_deletion_protection", "rds_multi_az", "cloudwatch_alarms_present"), BackupProbe.CHECKS);
    private static final Set<String> OTHER_ENGINES = Set.of("docdb", "neptune");

    @Override
    public String service() {
        return "rds";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
    }

    @Override
    public List<String> iamActions() {
        return List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters");
    }

    @Override
    public void read(ProbeContext c) {
        RdsClient rds = c.clients().client(RdsClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "rds", "rds:DescribeDBInstances", region, CHECKS, () -> {
            List<Resource> out = new ArrayList<>();
            rds.describeDBInstancesPaginator(b -> { }).dbInstances().stream().filter(i -> rdsEngine(i.engine()))
                    .forEach(i -> out.add(instance(i, region)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        ProbeSupport.call(c, "rds", "rds:DescribeDBClusters", region, CHECKS, () -> {
            List<Resource> out = new ArrayList<>();
            rds.describeDBClustersPaginator(b -> { }).dbClusters().stream().filter(cl -> rdsEngine(cl.engine()))
                    .forEach(cl -> out.add(cluster(cl, region)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static boolean rdsEngine(String engine) {
        return engine == null || !OTHER_ENGINES.contains(engine.toLowerCase(Locale.ROOT));
    }

    static Resource instance(DBInstance i, String region) {
        ObjectNode p = obj();
        p.put("DBInstanceIdentifier", i.dbInstanceIdentifier());
        put(p, "DBClusterIdentifier", i.dbClusterIdentifier());
        put(p, "Engine", i.engine());
        put(p, "EngineVersion", i.engineVersion());
        put(p, "DBInstanceClass", i.dbInstanceClass());
        put(p, "MultiAZ", i.multiAZ());
        put(p, "StorageEncrypted", i.storageEncrypted());
        put(p, "KmsKeyId", i.kmsKeyId());
        put(p, "BackupRetentionPeriod", i.backupRetentionPeriod());
        put(p, "DeletionProtection", i.deletionProtection());
        put(p, "AvailabilityZone", i.availabilityZone());
        put(p, "PubliclyAccessible", i.publiclyAccessible());
        p.set("Tags", tags(i.tagList(), t -> t.key(), t -> t.value()));
        return Resource.live("AWS::RDS::DBInstance", i.dbInstanceIdentifier(), i.dbInstanceArn(), region, p);
    }

    static Resource cluster(DBCluster cl, String region) {
        ObjectNode p = obj();
        p.put("DBClusterIdentifier", cl.dbClusterIdentifier());
        put(p, "Engine", cl.engine());
        put(p, "EngineMode", cl.engineMode());
        put(p, "EngineVersion", cl.engineVersion());
        put(p, "DBClusterInstanceClass", cl.dbClusterInstanceClass());
        put(p, "MultiAZ", cl.multiAZ());
        put(p, "StorageEncrypted", cl.storageEncrypted());
        put(p, "KmsKeyId", cl.kmsKeyId());
        put(p, "BackupRetentionPeriod", cl.backupRetentionPeriod());
        put(p, "DeletionProtection", cl.deletionProtection());
        p.set("AvailabilityZones", ProbeSupport.strings(cl.availabilityZones()));
        p.set("Tags", tags(cl.tagList(), t -> t.key(), t -> t.value()));
        return Resource.live("AWS::RDS::DBCluster", cl.dbClusterIdentifier(), cl.dbClusterArn(), region, p);
    }
}
