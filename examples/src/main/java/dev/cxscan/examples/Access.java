package dev.cxscan.examples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.CfnAccessKey;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.User;
import software.constructs.Construct;

/**
 * How the partner reaches the customer account: a cross-account role with an external id and
 * least privilege. Non-compliant: administrator access, wildcards, no external id, and an IAM user
 * with a long-lived access key.
 */
public final class Access extends Construct {
    static final String PARTNER_ACCOUNT = "999999999999";

    public Access(Construct scope, String id, Posture posture) {
        super(scope, id);
        if (posture.compliant()) {
            Role partner = Role.Builder.create(this, "PartnerOperations")
                    .assumedBy(new AccountPrincipal(PARTNER_ACCOUNT).withConditions(
                            Map.of("StringEquals", Map.of("sts:ExternalId", "genai-partner-ops"))))
                    .description("Partner operations access, read-only plus runbook execution")
                    .build();
            partner.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
            partner.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("ssm:StartAutomationExecution"))
                    .resources(List.of("arn:aws:ssm:" + GenAiApp.REGION + ":" + GenAiApp.ACCOUNT + ":automation-definition/GenAi-*"))
                    .build());
            return;
        }
        Role partner = Role.Builder.create(this, "PartnerOperations")
                .assumedBy(new AccountPrincipal(PARTNER_ACCOUNT))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")))
                .build();
        partner.addToPolicy(PolicyStatement.Builder.create().actions(List.of("*")).resources(List.of("*")).build());
        partner.addToPolicy(PolicyStatement.Builder.create().actions(List.of("s3:*")).resources(List.of("*")).build());
        User ci = User.Builder.create(this, "DeployUser").build();
        CfnAccessKey.Builder.create(this, "DeployUserKey").userName(ci.getUserName()).build();
    }
}
