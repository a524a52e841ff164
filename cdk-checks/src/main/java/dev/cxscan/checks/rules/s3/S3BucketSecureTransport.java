package dev.cxscan.checks.rules.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.PolicyDocument;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NETSEC-002: every S3 bucket has a bucket policy that refuses plain-HTTP requests. Passes when an
 * AWS::S3::BucketPolicy whose Bucket references this bucket (Ref, or the bucket name) has a Deny
 * statement with Action "s3:*" or "*", Principal "*" or {"AWS": "*"}, and a Bool or BoolIfExists
 * condition aws:SecureTransport "false" - exactly what CDK's {@code enforceSSL: true} writes
 * (Resource [bucket ARN, bucket ARN/*]). Narrower denials (only s3:GetObject, or one principal) do
 * not count: a request over HTTP with any other action or caller would still be served. Resource is
 * not checked, since S3 accepts only this bucket's ARNs in its own policy.
 */
public final class S3BucketSecureTransport extends AbstractRule {
    static final Check CHECK = Check.of("s3_bucket_secure_transport",
            "S3 bucket policies deny requests that do not use TLS (aws:SecureTransport false)", Severity.MEDIUM, "NETSEC-002",
            "Add a bucket policy statement {Effect: Deny, Principal: \"*\", Action: \"s3:*\", Resource: [bucket ARN, "
                    + "bucket ARN/*], Condition: {Bool: {aws:SecureTransport: false}}}; in CDK: new Bucket(this, id, "
                    + "BucketProps.builder().enforceSsl(true)...).");

    public S3BucketSecureTransport() {
        super(CHECK, "AWS::S3::Bucket");
    }

    @Override
    public Verdict evaluate(Resource bucket, RuleContext context) {
        List<Resource> policies = BucketPolicies.attachedTo(bucket, context);
        if (policies.isEmpty()) {
            return Verdict.fail("no bucket policy denies aws:SecureTransport false (the bucket has no AWS::S3::BucketPolicy)");
        }
        List<String> unreadable = new ArrayList<>();
        for (BucketPolicies.PolicyStatement ps : BucketPolicies.statements(policies, unreadable)) {
            PolicyDocument.Statement s = ps.statement();
            if (!s.allow() && coversAllActions(s) && anyPrincipal(s) && deniesInsecureTransport(s.condition())) {
                return Verdict.pass("bucket policy " + ps.policy().id() + " denies s3:* to everyone when aws:SecureTransport is false"
                        + (s.sid() == null ? "" : " (statement " + s.sid() + ")"));
            }
        }
        if (!unreadable.isEmpty()) {
            return Verdict.unresolved("the " + String.join(", ", unreadable));
        }
        return Verdict.fail("no bucket policy denies aws:SecureTransport false: " + describeIds(policies)
                + " has no Deny statement for s3:* and Principal * with Bool aws:SecureTransport false");
    }

    private static boolean coversAllActions(PolicyDocument.Statement s) {
        return s.notActions().isEmpty() && s.actionNames().stream().anyMatch(a -> a.equals("*") || a.equalsIgnoreCase("s3:*"));
    }

    private static boolean anyPrincipal(PolicyDocument.Statement s) {
        if (!Values.isAbsent(s.notPrincipal())) {
            return false;
        }
        return s.principals("AWS").contains("*");
    }

    /** A Bool / BoolIfExists condition with aws:SecureTransport false (boolean, string, or a list of them). */
    static boolean deniesInsecureTransport(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> ops = condition.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            String operator = op.getKey().toLowerCase(Locale.ROOT);
            if (!(operator.equals("bool") || operator.equals("boolifexists")) || !op.getValue().isObject()) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (key.getKey().equalsIgnoreCase("aws:SecureTransport")
                        && Values.list(key.getValue()).stream().anyMatch(v -> Values.bool(v, Tri.UNKNOWN).isFalse())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describeIds(List<Resource> resources) {
        return resources.size() == 1 ? "bucket policy " + resources.get(0).id()
                : "bucket policies " + String.join(", ", resources.stream().map(Resource::id).toList());
    }
}
