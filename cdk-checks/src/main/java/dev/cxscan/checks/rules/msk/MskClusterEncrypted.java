package dev.cxscan.checks.rules.msk;

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
 * NETSEC-002: MSK clusters encrypt data in transit: client-broker traffic TLS only
 * (EncryptionInfo.EncryptionInTransit.ClientBroker TLS) and broker-to-broker traffic
 * (InCluster true). Both are the service defaults, so a cluster without EncryptionInfo passes and
 * says so (checkov's CKV_AWS_81 fails such a cluster; MSK documents TLS and true as defaults).
 * TLS_PLAINTEXT fails because it still accepts plaintext clients. At rest MSK always encrypts;
 * the message says whether a customer managed key is used. Medium: a stream, mostly a transport.
 */
public final class MskClusterEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("msk_cluster_encrypted",
            "MSK clusters encrypt client-broker and in-cluster traffic with TLS", Severity.MEDIUM, "NETSEC-002",
            "Leave EncryptionInfo.EncryptionInTransit at its defaults or set ClientBroker: TLS and InCluster: true; "
                    + "in CDK (msk-alpha): encryptionInTransit: {clientBroker: ClientBrokerEncryption.TLS, enableInCluster: true}.");

    public MskClusterEncrypted() {
        super(CHECK, "AWS::MSK::Cluster");
    }

    @Override
    public Verdict evaluate(Resource cluster, RuleContext context) {
        JsonNode transit = cluster.property("EncryptionInfo", "EncryptionInTransit");
        JsonNode clientBroker = transit.path("ClientBroker");
        JsonNode inCluster = transit.path("InCluster");
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (Values.isIntrinsic(cluster.property("EncryptionInfo")) || Values.isIntrinsic(transit)) {
            return Verdict.unresolved("EncryptionInfo (" + Values.describe(cluster.property("EncryptionInfo")) + ")");
        }
        String cb = "TLS";
        if (!Values.isAbsent(clientBroker)) {
            if (Values.text(clientBroker).isEmpty()) {
                unknown.add("ClientBroker (" + Values.describe(clientBroker) + ")");
            } else {
                cb = Values.text(clientBroker).get();
                if (!cb.equalsIgnoreCase("TLS")) {
                    problems.add("ClientBroker is " + cb + " (clients may connect in plaintext)");
                }
            }
        }
        Tri in = Values.bool(inCluster, Tri.TRUE);
        if (in == Tri.FALSE) {
            problems.add("InCluster is false (brokers talk to each other in plaintext)");
        } else if (in == Tri.UNKNOWN) {
            unknown.add("InCluster (" + Values.describe(inCluster) + ")");
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(String.join("; ", problems));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(" and ", unknown));
        }
        boolean defaults = Values.isAbsent(clientBroker) && Values.isAbsent(inCluster);
        String atRest = Values.isSet(cluster.property("EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId"))
                ? "at rest with the given KMS key" : "at rest with the AWS managed key";
        return Verdict.pass("client-broker TLS only and in-cluster encryption" + (defaults ? " (MSK defaults)" : "")
                + "; data encrypted " + atRest);
    }
}
