package dev.cxscan.examples;

import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.LoadBalancerV2Origin;
import software.constructs.Construct;

/** CloudFront in front of the chat UI and API. Non-compliant: viewers may use plain HTTP. */
public final class Cdn extends Construct {
    public Cdn(Construct scope, String id, Posture posture, ApiTier api) {
        super(scope, id);
        Distribution.Builder.create(this, "Distribution")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(new LoadBalancerV2Origin(api.alb))
                        .viewerProtocolPolicy(posture.compliant() ? ViewerProtocolPolicy.REDIRECT_TO_HTTPS : ViewerProtocolPolicy.ALLOW_ALL)
                        .build())
                .build();
    }
}
