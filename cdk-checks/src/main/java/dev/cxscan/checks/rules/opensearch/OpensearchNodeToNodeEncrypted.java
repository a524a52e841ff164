package dev.cxscan.checks.rules.opensearch;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002 (in transit): OpenSearch Service (and Elasticsearch) domains encrypt traffic between
 * their nodes (NodeToNodeEncryptionOptions.Enabled true). Medium, like the other in-transit checks.
 */
public final class OpensearchNodeToNodeEncrypted extends DomainFlag {
    static final Check CHECK = Check.of("opensearch_node_to_node_encrypted",
            "OpenSearch and Elasticsearch domains encrypt node-to-node traffic", Severity.MEDIUM, "NETSEC-002",
            "Set NodeToNodeEncryptionOptions: {Enabled: true}; in CDK: nodeToNodeEncryption(true) on the Domain props.");

    public OpensearchNodeToNodeEncrypted() {
        super(CHECK, "node-to-node encryption", "NodeToNodeEncryptionOptions", "Enabled");
    }
}
