package dev.cxscan.examples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The workload's customer-managed KMS key. Its key policy lets CloudWatch Logs in this region use
 * it for the workload's log groups (flow logs, trail, application): CloudWatch Logs needs that
 * grant in the key policy itself, and the log group construct does not add it.
 */
public final class Encryption extends Construct {
    final Key key;

    public Encryption(Construct scope, String id, Posture posture) {
        super(scope, id);
        key = Key.Builder.create(this, "WorkloadKey")
                .description("Encrypts the documents, embeddings, queues and logs of the GenAI workload")
                .enableKeyRotation(posture.compliant())
                .removalPolicy(posture.compliant() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Stack stack = Stack.of(this);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsOfThisAccount")
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount() + ":log-group:*")))
                .build());
    }
}
