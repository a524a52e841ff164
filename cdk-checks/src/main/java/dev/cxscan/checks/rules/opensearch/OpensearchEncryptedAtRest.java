package dev.cxscan.checks.rules.opensearch;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Values;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: OpenSearch Service (and Elasticsearch) domains encrypt data at rest
 * (EncryptionAtRestOptions.Enabled true). High: the domain stores the indexed documents, often the
 * corpus of a retrieval-augmented generative AI application. At rest and in transit are separate
 * checks because they are separate settings with separate fixes (and the conformance suites judge
 * them separately).
 */
public final class OpensearchEncryptedAtRest extends DomainFlag {
    static final Check CHECK = Check.of("opensearch_encrypted_at_rest",
            "OpenSearch and Elasticsearch domains encrypt data at rest", Severity.HIGH, "NETSEC-002",
            "Set EncryptionAtRestOptions: {Enabled: true} (KmsKeyId for a customer managed key); in CDK: "
                    + "new Domain(this, id, DomainProps.builder().encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true)...)).");

    public OpensearchEncryptedAtRest() {
        super(CHECK, "encryption at rest", "EncryptionAtRestOptions", "Enabled");
    }

    @Override
    String extra(Resource domain) {
        return Values.isSet(domain.property("EncryptionAtRestOptions", "KmsKeyId"))
                ? " with a customer managed key" : " with the AWS managed key";
    }
}
