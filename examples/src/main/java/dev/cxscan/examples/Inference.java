package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.services.bedrock.CfnGuardrail;
import software.amazon.awscdk.services.sagemaker.CfnEndpoint;
import software.amazon.awscdk.services.sagemaker.CfnEndpointConfig;
import software.constructs.Construct;

/**
 * The model side of the chat API: the Bedrock guardrail every chat turn goes through, and the
 * SageMaker endpoint serving the self-hosted embedding model (registered in the model registry by
 * the ML team's pipeline, hence referenced by name). Non-compliant: both rely on AWS managed keys
 * for what they store (guardrail configuration, endpoint volumes) instead of the workload key.
 */
public final class Inference extends Construct {
    static final String EMBEDDING_MODEL = "genai-chat-embeddings-v3";

    public Inference(Construct scope, String id, Posture posture, Encryption encryption) {
        super(scope, id);
        boolean ok = posture.compliant();
        CfnGuardrail.Builder.create(this, "ChatGuardrail")
                .name(posture.compliant() ? "genai-chat" : "genai-chat-noncompliant")
                .description("Filters harmful content and prompt attacks in chat turns")
                .blockedInputMessaging("Sorry, I can't help with that request.")
                .blockedOutputsMessaging("Sorry, I can't provide that answer.")
                .contentPolicyConfig(CfnGuardrail.ContentPolicyConfigProperty.builder().filtersConfig(List.of(
                        filter("HATE", "HIGH", "HIGH"), filter("VIOLENCE", "HIGH", "HIGH"),
                        filter("MISCONDUCT", "HIGH", "HIGH"), filter("PROMPT_ATTACK", "HIGH", "NONE"))).build())
                .kmsKeyArn(ok ? encryption.key.getKeyArn() : null)
                .build();

        // ml.m5.xlarge: no instance-store volume, so the endpoint's ML storage volume takes a KMS key
        CfnEndpointConfig config = CfnEndpointConfig.Builder.create(this, "EmbeddingsConfig")
                .productionVariants(List.of(CfnEndpointConfig.ProductionVariantProperty.builder()
                        .variantName("primary").modelName(EMBEDDING_MODEL)
                        .initialInstanceCount(2).instanceType("ml.m5.xlarge").initialVariantWeight(1).build()))
                .kmsKeyId(ok ? encryption.key.getKeyArn() : null)
                .build();
        CfnEndpoint.Builder.create(this, "Embeddings").endpointConfigName(config.getAttrEndpointConfigName()).build();
    }

    private static CfnGuardrail.ContentFilterConfigProperty filter(String type, String input, String output) {
        return CfnGuardrail.ContentFilterConfigProperty.builder().type(type).inputStrength(input).outputStrength(output).build();
    }
}
