package dev.cxscan.checks.rules.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * OPE-001: load balancers write access logs (off by default).
 * Application and Network Load Balancers: LoadBalancerAttributes holds access_logs.s3.enabled "true"
 * (a string in CloudFormation; a YAML boolean is accepted too). Gateway Load Balancers have no access
 * logs, so they are not judged. Classic load balancers: AccessLoggingPolicy.Enabled true. An
 * attribute list or value the template does not resolve is reported unresolved.
 */
public final class ElbAccessLogs extends AbstractRule {
    static final Check CHECK = Check.of("elb_access_logs",
            "Load balancers write access logs to S3", Severity.LOW, "OPE-001",
            "ALB/NLB: add LoadBalancerAttributes access_logs.s3.enabled=true and access_logs.s3.bucket; in CDK: "
                    + "loadBalancer.logAccessLogs(bucket). Classic ELB: AccessLoggingPolicy {Enabled: true, S3BucketName}.");

    private static final String KEY = "access_logs.s3.enabled";

    public ElbAccessLogs() {
        super(CHECK, "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer");
    }

    @Override
    public Verdict evaluate(Resource lb, RuleContext context) {
        return lb.type().equals("AWS::ElasticLoadBalancing::LoadBalancer") ? classic(lb) : v2(lb);
    }

    private Verdict v2(Resource lb) {
        if (Values.textEquals(lb.property("Type"), "gateway")) {
            return Verdict.notApplicable();
        }
        JsonNode attributes = lb.property("LoadBalancerAttributes");
        if (Values.isIntrinsic(attributes)) {
            return Verdict.unresolved("LoadBalancerAttributes (" + Values.describe(attributes) + ")");
        }
        JsonNode enabled = null;
        boolean unknownEntry = false;
        for (JsonNode attribute : Values.list(attributes)) {
            JsonNode key = attribute.path("Key");
            if (Values.textEquals(key, KEY)) {
                enabled = attribute.path("Value");
            } else if (Values.isIntrinsic(attribute) || Values.isIntrinsic(key)) {
                unknownEntry = true;
            }
        }
        if (enabled == null) {
            if (unknownEntry) {
                return Verdict.unresolved("an entry of LoadBalancerAttributes");
            }
            return Verdict.fail("LoadBalancerAttributes has no " + KEY + ": access logs are off (default)");
        }
        return switch (Values.bool(enabled, Tri.FALSE)) {
            case TRUE -> Verdict.pass(KEY + " is true" + bucket(attributes));
            case FALSE -> Verdict.fail(KEY + " is " + Values.describe(enabled) + ": access logs are off");
            case UNKNOWN -> Verdict.unresolved(KEY + " (" + Values.describe(enabled) + ")");
        };
    }

    private static String bucket(JsonNode attributes) {
        for (JsonNode attribute : Values.list(attributes)) {
            if (Values.textEquals(attribute.path("Key"), "access_logs.s3.bucket")) {
                return ", bucket " + Values.describe(attribute.path("Value"));
            }
        }
        return "";
    }

    private Verdict classic(Resource lb) {
        JsonNode policy = lb.property("AccessLoggingPolicy");
        if (Values.isAbsent(policy)) {
            return Verdict.fail("no AccessLoggingPolicy: access logs are off (default)");
        }
        if (Values.isIntrinsic(policy)) {
            return Verdict.unresolved("AccessLoggingPolicy (" + Values.describe(policy) + ")");
        }
        JsonNode enabled = policy.path("Enabled");
        return switch (Values.bool(enabled, Tri.FALSE)) {
            case TRUE -> Verdict.pass("AccessLoggingPolicy.Enabled is true, bucket "
                    + Values.describe(policy.path("S3BucketName")));
            case FALSE -> Verdict.fail("AccessLoggingPolicy.Enabled is " + Values.describe(enabled)
                    + ": access logs are off");
            case UNKNOWN -> Verdict.unresolved("AccessLoggingPolicy.Enabled (" + Values.describe(enabled) + ")");
        };
    }
}
