package dev.cxscan.scanner.probes.elasticache;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * ElastiCache of one region: DescribeReplicationGroups (paginator) as
 * AWS::ElastiCache::ReplicationGroup: MultiAZEnabled (MultiAZ "enabled") and
 * AutomaticFailoverEnabled ("enabled"; "enabling" counts as not yet), encryption flags, KmsKeyId.
 */
public final class ElastiCacheProbe implements Probe {
    @Override
    public String service() {
        return "elasticache";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::ElastiCache::ReplicationGroup");
    }

    @Override
    public List<String> iamActions() {
        return List.of("elasticache:DescribeReplicationGroups");
    }

    @Override
    public void read(ProbeContext c) {
        ElastiCacheClient ec = c.clients().client(ElastiCacheClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "elasticache", "elasticache:DescribeReplicationGroups", region, List.of("elasticache_multi_az"),
                () -> ec.describeReplicationGroupsPaginator(b -> { }).replicationGroups().stream().map(g -> group(g, region)).toList())
                .ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static Resource group(ReplicationGroup g, String region) {
        ObjectNode p = obj();
        p.put("ReplicationGroupId", g.replicationGroupId());
        put(p, "ReplicationGroupDescription", g.description());
        p.put("MultiAZEnabled", "enabled".equals(g.multiAZAsString()));
        p.put("AutomaticFailoverEnabled", "enabled".equals(g.automaticFailoverAsString()));
        put(p, "AtRestEncryptionEnabled", g.atRestEncryptionEnabled());
        put(p, "TransitEncryptionEnabled", g.transitEncryptionEnabled());
        put(p, "KmsKeyId", g.kmsKeyId());
        return Resource.live("AWS::ElastiCache::ReplicationGroup", g.replicationGroupId(), g.arn(), region, p);
    }
}
