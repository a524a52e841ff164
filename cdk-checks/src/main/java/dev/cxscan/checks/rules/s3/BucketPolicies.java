package dev.cxscan.checks.rules.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.PolicyDocument;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the AWS::S3::BucketPolicy resources of a bucket, in templates and live scans alike: a
 * policy's Bucket is a Ref to the bucket, or the bucket's literal BucketName (in a template a literal
 * is a name, never a logical id); live, it is the bucket name, which is also the bucket's id. Shared
 * by the S3 rules and the CloudTrail bucket rules.
 */
public final class BucketPolicies {
    public static final String TYPE = "AWS::S3::BucketPolicy";

    private BucketPolicies() {
    }

    /** The bucket policies whose Bucket property designates {@code bucket}, in document order. */
    public static List<Resource> attachedTo(Resource bucket, RuleContext context) {
        List<Resource> out = new ArrayList<>();
        for (Resource p : context.resourcesOfType(TYPE)) {
            if (names(p.property("Bucket"), bucket, context)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * One statement of a bucket policy.
     *
     * @param index its 0-based position in the document
     */
    public record PolicyStatement(Resource policy, int index, PolicyDocument.Statement statement) {
    }

    /**
     * The statements of the policies' documents, policy by policy; each policy whose PolicyDocument
     * is not a literal document is added to {@code unreadable} as "PolicyDocument of X (as written)".
     */
    public static List<PolicyStatement> statements(List<Resource> policies, List<String> unreadable) {
        List<PolicyStatement> out = new ArrayList<>();
        for (Resource policy : policies) {
            JsonNode raw = policy.property("PolicyDocument");
            Optional<PolicyDocument> doc = PolicyDocument.of(raw);
            if (doc.isEmpty()) {
                unreadable.add("PolicyDocument of " + policy.id() + " (" + Values.describe(raw) + ")");
                continue;
            }
            List<PolicyDocument.Statement> statements = doc.get().statements();
            for (int i = 0; i < statements.size(); i++) {
                out.add(new PolicyStatement(policy, i, statements.get(i)));
            }
        }
        return out;
    }

    /** The bucket's literal BucketName (live: also its id, which is the name). */
    public static Optional<String> literalName(Resource bucket, RuleContext context) {
        Optional<String> n = Values.text(bucket.property("BucketName")).filter(s -> !s.isBlank());
        if (n.isEmpty() && context.isLive()) {
            return Optional.of(bucket.id());
        }
        return n;
    }

    /** True when {@code value} (a Bucket / BucketName / destination property) designates {@code bucket}. */
    public static boolean names(JsonNode value, Resource bucket, RuleContext context) {
        if (Values.isAbsent(value)) {
            return false;
        }
        if (value.isTextual()) {
            String t = value.textValue();
            if (literalName(bucket, context).map(t::equals).orElse(false)
                    || (context.isLive() && (t.equals(bucket.id()) || t.equals(bucket.location().arn())))) {
                return true;
            }
            if (!context.isLive()) {
                return false;
            }
        }
        return context.resolveReference(value)
                .map(r -> r.type().equals(bucket.type()) && r.id().equals(bucket.id())).orElse(false);
    }
}
