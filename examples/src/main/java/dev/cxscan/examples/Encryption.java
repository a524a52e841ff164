package dev.cxscan.examples;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** The workload's customer-managed KMS key. */
public final class Encryption extends Construct {
    final Key key;

    public Encryption(Construct scope, String id, Posture posture) {
        super(scope, id);
        key = Key.Builder.create(this, "WorkloadKey")
                .description("Encrypts the documents, embeddings, queues and logs of the GenAI workload")
                .enableKeyRotation(posture.compliant())
                .removalPolicy(posture.compliant() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }
}
