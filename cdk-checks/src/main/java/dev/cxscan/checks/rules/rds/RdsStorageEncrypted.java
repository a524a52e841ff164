package dev.cxscan.checks.rules.rds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.Optional;

/**
 * NETSEC-002: RDS DB instances and DB clusters have StorageEncrypted true (default false).
 *
 * <p>Judgment calls: an instance with DBClusterIdentifier belongs to a cluster whose StorageEncrypted
 * decides its storage, so it is not judged (cfn_nag F27 does the same); the cluster is. An Aurora
 * Serverless v1 cluster (EngineMode serverless) is always encrypted and passes with that message.
 * Without StorageEncrypted, an instance or cluster restored from a snapshot, created as a read
 * replica or point-in-time copy, inherits the source's encryption: when the source is a resource of
 * the template it is judged in its place, otherwise the finding is unresolved. A secondary cluster of
 * an AWS::RDS::GlobalCluster in the template follows the global cluster's StorageEncrypted.
 */
public final class RdsStorageEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("rds_storage_encrypted",
            "RDS DB instances and clusters have encrypted storage (StorageEncrypted true)", Severity.HIGH, "NETSEC-002",
            "Set StorageEncrypted: true (optionally KmsKeyId) on AWS::RDS::DBInstance and AWS::RDS::DBCluster; in CDK: "
                    + "DatabaseInstance/DatabaseCluster storageEncrypted(true) or storageEncryptionKey(key). An existing "
                    + "unencrypted database is encrypted by restoring an encrypted snapshot copy.");

    public RdsStorageEncrypted() {
        super(CHECK, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (DbClusterMembers.isMember(resource)) {
            return Verdict.notApplicable();
        }
        return judge(resource, context, 0);
    }

    private static Verdict judge(Resource db, RuleContext context, int depth) {
        boolean cluster = db.type().equals("AWS::RDS::DBCluster");
        if (cluster && Values.textEquals(db.property("EngineMode"), "serverless")) {
            return Verdict.pass("Aurora Serverless v1 cluster (EngineMode serverless): storage is always encrypted");
        }
        JsonNode encrypted = db.property("StorageEncrypted");
        KmsKeyReference key = KmsKeyReference.of(db.property("KmsKeyId"), context);
        switch (Values.bool(encrypted, Tri.FALSE)) {
            case TRUE:
                return Verdict.pass("StorageEncrypted is true" + (key.isSet() ? " with " + key.description() : " (AWS managed key aws/rds)"));
            case UNKNOWN:
                return Verdict.unresolved("StorageEncrypted (" + Values.describe(encrypted) + ")");
            default:
                break;
        }
        if (!Values.isAbsent(encrypted)) {
            return Verdict.fail("StorageEncrypted is false");
        }
        String[] sources = cluster
                ? new String[] {"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"}
                : new String[] {"SourceDBInstanceIdentifier", "DBSnapshotIdentifier", "DBClusterSnapshotIdentifier", "SourceDBClusterIdentifier"};
        for (String property : sources) {
            JsonNode source = db.property(property);
            if (!Values.isSet(source)) {
                continue;
            }
            Optional<Resource> inTemplate = context.resolveReference(source)
                    .filter(r -> r.type().startsWith("AWS::RDS::DB") && !r.id().equals(db.id()));
            if (inTemplate.isPresent() && depth < 5) {
                Verdict v = judge(inTemplate.get(), context, depth + 1);
                return new Verdict(v.status(), "StorageEncrypted not set, inherited from " + property + " " + inTemplate.get().id()
                        + ": " + v.message());
            }
            return Verdict.unresolved("the encryption of " + property + " " + Values.describe(source)
                    + " (StorageEncrypted is not set, so it is inherited)");
        }
        if (cluster && Values.isSet(db.property("GlobalClusterIdentifier"))) {
            JsonNode global = db.property("GlobalClusterIdentifier");
            Optional<Resource> g = context.resolveReference(global).filter(r -> r.type().equals("AWS::RDS::GlobalCluster"));
            if (g.isPresent()) {
                Tri globalEncrypted = Values.bool(g.get().property("StorageEncrypted"), Tri.FALSE);
                if (globalEncrypted == Tri.TRUE) {
                    return Verdict.pass("member of global cluster " + g.get().id() + ", which has StorageEncrypted true");
                }
                if (globalEncrypted == Tri.UNKNOWN) {
                    return Verdict.unresolved("StorageEncrypted of global cluster " + g.get().id());
                }
            } else {
                return Verdict.unresolved("the encryption of global cluster " + Values.describe(global)
                        + " (StorageEncrypted is not set, so the secondary cluster follows it)");
            }
        }
        if (key.isSet()) {
            // unlike EC2, RDS does not document that a KmsKeyId alone makes encrypted storage: never pass on it
            return Verdict.fail("KmsKeyId is set but StorageEncrypted is not (defaults to false): CloudFormation requires "
                    + "StorageEncrypted true with a KmsKeyId");
        }
        return Verdict.fail("StorageEncrypted is not set (defaults to false)");
    }
}
