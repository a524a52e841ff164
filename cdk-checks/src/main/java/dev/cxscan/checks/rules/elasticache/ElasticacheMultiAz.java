package dev.cxscan.checks.rules.elasticache;

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
 * DOC-001: ElastiCache replication groups (Redis OSS / Valkey) have MultiAZEnabled and
 * AutomaticFailoverEnabled both true: replicas in other AZs and automatic promotion of one when the
 * primary fails. Both default to false when absent. Standalone cache clusters and serverless caches
 * are not judged here.
 */
public final class ElasticacheMultiAz extends AbstractRule {
    static final Check CHECK = Check.of("elasticache_multi_az",
            "ElastiCache replication groups have Multi-AZ and automatic failover", Severity.MEDIUM, "DOC-001",
            "Set MultiAZEnabled: true and AutomaticFailoverEnabled: true with at least one replica "
                    + "(NumCacheClusters >= 2 or ReplicasPerNodeGroup >= 1) on the AWS::ElastiCache::ReplicationGroup "
                    + "(CfnReplicationGroup in CDK).");

    public ElasticacheMultiAz() {
        super(CHECK, "AWS::ElastiCache::ReplicationGroup");
    }

    @Override
    public Verdict evaluate(Resource group, RuleContext context) {
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String property : new String[] {"MultiAZEnabled", "AutomaticFailoverEnabled"}) {
            JsonNode value = group.property(property);
            Tri t = Values.bool(value, Tri.FALSE);
            if (t == Tri.UNKNOWN) {
                unknown.add(property + " (" + Values.describe(value) + ")");
            } else if (t.isFalse()) {
                missing.add(property + (Values.isAbsent(value) ? " is not set (default false)" : " is false"));
            }
        }
        if (!missing.isEmpty()) {
            return Verdict.fail(String.join("; ", missing));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join("; ", unknown));
        }
        return Verdict.pass("MultiAZEnabled and AutomaticFailoverEnabled are true");
    }
}
