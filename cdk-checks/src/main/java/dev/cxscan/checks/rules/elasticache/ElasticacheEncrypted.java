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
 * NETSEC-002: ElastiCache replication groups encrypt at rest (AtRestEncryptionEnabled true) and in
 * transit (TransitEncryptionEnabled true, and TransitEncryptionMode not "preferred", which still
 * accepts plaintext clients). Both default to false. One check for both because they are set
 * together on one resource; the message lists what is missing. Serverless caches always encrypt
 * and are not judged; single-node AWS::ElastiCache::CacheCluster resources have no at-rest option
 * and are not judged either. High: a cache often holds copies of database records and sessions.
 */
public final class ElasticacheEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("elasticache_encrypted",
            "ElastiCache replication groups encrypt data at rest and in transit", Severity.HIGH, "NETSEC-002",
            "Set AtRestEncryptionEnabled: true and TransitEncryptionEnabled: true (TransitEncryptionMode required) "
                    + "on the AWS::ElastiCache::ReplicationGroup (CfnReplicationGroup in CDK); both need a new group.");

    public ElasticacheEncrypted() {
        super(CHECK, "AWS::ElastiCache::ReplicationGroup");
    }

    @Override
    public Verdict evaluate(Resource group, RuleContext context) {
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        judge(group, "AtRestEncryptionEnabled", "encryption at rest", missing, unknown);
        judge(group, "TransitEncryptionEnabled", "encryption in transit", missing, unknown);
        JsonNode mode = group.property("TransitEncryptionMode");
        if (Values.textEquals(mode, "preferred")) {
            missing.add("TransitEncryptionMode is preferred (plaintext connections still accepted)");
        } else if (Values.isIntrinsic(mode)) {
            unknown.add("TransitEncryptionMode (" + Values.describe(mode) + ")");
        }
        if (!missing.isEmpty()) {
            return Verdict.fail(String.join("; ", missing));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(" and ", unknown));
        }
        return Verdict.pass("encrypted at rest" + (Values.isSet(group.property("KmsKeyId")) ? " with the given KMS key" : "")
                + " and in transit (TLS required)");
    }

    private static void judge(Resource group, String property, String meaning, List<String> missing, List<String> unknown) {
        JsonNode value = group.property(property);
        Tri t = Values.bool(value, Tri.FALSE);
        if (t == Tri.FALSE) {
            missing.add(property + (Values.isAbsent(value) ? " is not set" : " is false") + " (no " + meaning + ")");
        } else if (t == Tri.UNKNOWN) {
            unknown.add(property + " (" + Values.describe(value) + ")");
        }
    }
}
