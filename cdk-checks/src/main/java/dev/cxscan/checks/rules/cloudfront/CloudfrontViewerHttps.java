package dev.cxscan.checks.rules.cloudfront;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NETSEC-002: CloudFront distributions require HTTPS from viewers: the ViewerProtocolPolicy of
 * DistributionConfig.DefaultCacheBehavior and of every CacheBehaviors[] entry is https-only or
 * redirect-to-https. allow-all fails and names the behaviour (its PathPattern). CDK writes
 * allow-all when viewerProtocolPolicy is not given, so CDK distributions must set it. A behaviour
 * without ViewerProtocolPolicy (a required property) fails. A DistributionConfig with no behaviour
 * at all is unresolved; a missing DefaultCacheBehavior (invalid, but seen in test templates) is
 * skipped when other behaviours exist.
 */
public final class CloudfrontViewerHttps extends AbstractRule {
    static final Check CHECK = Check.of("cloudfront_viewer_https",
            "CloudFront cache behaviours require HTTPS from viewers (https-only or redirect-to-https)", Severity.MEDIUM, "NETSEC-002",
            "Set ViewerProtocolPolicy: redirect-to-https (or https-only) on DefaultCacheBehavior and every CacheBehaviors entry; "
                    + "in CDK: BehaviorOptions.builder().viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS).");

    public CloudfrontViewerHttps() {
        super(CHECK, "AWS::CloudFront::Distribution");
    }

    @Override
    public Verdict evaluate(Resource distribution, RuleContext context) {
        JsonNode config = distribution.property("DistributionConfig");
        if (Values.isIntrinsic(config)) {
            return Verdict.unresolved("DistributionConfig (" + Values.describe(config) + ")");
        }
        List<String> failing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int judged = 0;
        JsonNode defaults = config.path("DefaultCacheBehavior");
        if (!Values.isAbsent(defaults)) {
            judged++;
            judge("DefaultCacheBehavior", defaults, failing, unknown);
        }
        JsonNode behaviours = config.path("CacheBehaviors");
        if (Values.isIntrinsic(behaviours)) {
            unknown.add("CacheBehaviors (" + Values.describe(behaviours) + ")");
        } else {
            int i = 0;
            for (JsonNode b : Values.list(behaviours)) {
                String name = "CacheBehaviors[" + i++ + "]" + Values.text(b.path("PathPattern")).map(p -> " " + p).orElse("");
                judged++;
                judge(name, b, failing, unknown);
            }
        }
        if (!failing.isEmpty()) {
            return Verdict.fail("viewers may use plain HTTP: " + String.join(", ", failing));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown));
        }
        if (judged == 0) {
            return Verdict.unresolved("the cache behaviours (DistributionConfig declares none)");
        }
        return Verdict.pass(judged == 1 ? "the cache behaviour requires HTTPS (" + policyOf(defaults, behaviours) + ")"
                : "all " + judged + " cache behaviours require HTTPS (https-only or redirect-to-https)");
    }

    private static void judge(String name, JsonNode behaviour, List<String> failing, List<String> unknown) {
        JsonNode policy = behaviour.path("ViewerProtocolPolicy");
        if (Values.isIntrinsic(policy) || Values.isIntrinsic(behaviour)) {
            unknown.add(name + " ViewerProtocolPolicy (" + Values.describe(Values.isIntrinsic(behaviour) ? behaviour : policy) + ")");
            return;
        }
        String value = Values.text(policy).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!value.equals("https-only") && !value.equals("redirect-to-https")) {
            failing.add(name + " has ViewerProtocolPolicy " + (value.isEmpty() ? "not set" : value));
        }
    }

    private static String policyOf(JsonNode defaults, JsonNode behaviours) {
        JsonNode b = Values.isAbsent(defaults) ? Values.list(behaviours).get(0) : defaults;
        return b.path("ViewerProtocolPolicy").asText();
    }
}
