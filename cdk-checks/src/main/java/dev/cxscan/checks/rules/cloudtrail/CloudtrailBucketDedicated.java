package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.PolicyDocument;
import dev.cxscan.checks.PolicyDocument.Statement;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.s3.BucketPolicies;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ACCT-001: the trail's bucket holds only trail logs, so that access to audit logs can be granted
 * and retained on their own terms. Judged on the trail by following S3BucketName to the bucket.
 * Passes when
 * <ul>
 * <li>the bucket has a bucket policy (without one CloudTrail cannot deliver: FAIL) whose Allow
 * statements grant object writes (s3:PutObject, s3:PutObjectAcl, s3:PutObjectVersionAcl,
 * s3:ReplicateObject, s3:RestoreObject, also through wildcards or NotAction) only to the
 * cloudtrail.amazonaws.com service principal, and grant CloudTrail s3:PutObject;</li>
 * <li>no other resource uses the bucket: every resource that references it (Ref, GetAtt, Sub, or
 * its literal name in a known log-destination property) is taken as a writer, except other trails
 * (several trails may share a log bucket), bucket policies, event plumbing that names the bucket
 * as a source (AWS::Lambda::Permission, AWS::SNS::TopicPolicy, AWS::SQS::QueuePolicy,
 * AWS::Events::Rule), KMS keys, CDK's Custom::S3AutoDeleteObjects (it deletes, it does not write),
 * and IAM identity policies whose statements on the bucket grant no object write (log readers);</li>
 * <li>the bucket does not receive its own server access logs (LoggingConfiguration without
 * DestinationBucketName logs into the bucket itself).</li>
 * </ul>
 * A bucket not declared in the template is unresolved, never a pass.
 */
public final class CloudtrailBucketDedicated extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_bucket_dedicated",
            "The CloudTrail log bucket receives only CloudTrail logs", Severity.MEDIUM, "ACCT-001",
            "Give the trail its own bucket: grant s3:PutObject in its bucket policy only to the cloudtrail.amazonaws.com "
                    + "service principal and send access logs, flow logs, load balancer logs and other data to a different "
                    + "bucket; in CDK: let new Trail(...) create its bucket, or pass a bucket used by nothing else.");

    private static final Set<String> NON_WRITERS = Set.of(
            "AWS::CloudTrail::Trail", "AWS::S3::BucketPolicy", "AWS::Lambda::Permission", "AWS::SNS::TopicPolicy",
            "AWS::SQS::QueuePolicy", "AWS::Events::Rule", "AWS::KMS::Key", "Custom::S3AutoDeleteObjects");
    private static final Set<String> IAM_TYPES = Set.of(
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group");
    /** Types with properties that take a log or data destination bucket by name or ARN. */
    private static final List<String> DESTINATION_TYPES = List.of(
            "AWS::S3::Bucket", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer",
            "AWS::EC2::FlowLog", "AWS::CloudFront::Distribution", "AWS::Config::DeliveryChannel",
            "AWS::KinesisFirehose::DeliveryStream", "AWS::Athena::WorkGroup", "AWS::WAFv2::LoggingConfiguration",
            "AWS::Route53Resolver::ResolverQueryLoggingConfig", "AWS::NetworkFirewall::LoggingConfiguration",
            "AWS::Redshift::Cluster", "AWS::MSK::Cluster", "AWS::EMR::Cluster", "AWS::SSM::Association",
            "AWS::Logs::Destination", "AWS::GuardDuty::PublishingDestination");

    public CloudtrailBucketDedicated() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        return TrailBucket.evaluate(trail, context, true, (bucket, policies) -> judge(trail, bucket, policies, context));
    }

    private static Verdict judge(Resource trail, Resource bucket, List<Resource> policies, RuleContext context) {
        List<String> others = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (policies.isEmpty()) {
            return Verdict.fail("trail bucket " + bucket.id() + " has no bucket policy, so CloudTrail cannot deliver to it "
                    + "(a policy must grant cloudtrail.amazonaws.com s3:GetBucketAcl and s3:PutObject)");
        }
        boolean cloudTrailWrites = false;
        List<String> policyIds = new ArrayList<>();
        policies.forEach(policy -> policyIds.add(policy.id()));
        for (BucketPolicies.PolicyStatement ps : BucketPolicies.statements(policies, unknown)) {
            Statement s = ps.statement();
            if (!s.allow()) {
                continue;
            }
            List<String> writes = S3Grants.covered(s, S3Grants.OBJECT_WRITES);
            boolean intrinsicAction = S3Grants.hasIntrinsicAction(s);
            if (writes.isEmpty() && !intrinsicAction) {
                continue;
            }
            S3Grants.Principals p = S3Grants.principals(s);
            String where = "policy " + ps.policy().id() + " " + S3Grants.name(s, ps.index());
            String what = writes.isEmpty() ? "actions it cannot read (" + Values.describe(S3Grants.intrinsicAction(s)) + ")"
                    : String.join(", ", writes);
            if (!p.others().isEmpty()) {
                others.add(where + " grants " + what + " to " + String.join(", ", p.others()));
            } else if (!p.unknown().isEmpty()) {
                unknown.add("principal " + String.join(", ", p.unknown()) + " of " + where);
            }
            if (p.cloudTrail() && writes.contains("s3:PutObject")) {
                cloudTrailWrites = true;
            }
        }
        otherWriters(trail, bucket, context, others, unknown);
        String policiesText = String.join(", ", policyIds);
        if (!others.isEmpty()) {
            return Verdict.fail("trail bucket " + bucket.id() + " is not dedicated to CloudTrail logs: "
                    + String.join("; ", others));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join("; ", unknown) + " for trail bucket " + bucket.id());
        }
        if (!cloudTrailWrites) {
            return Verdict.fail("bucket policy " + policiesText + " of trail bucket " + bucket.id()
                    + " grants cloudtrail.amazonaws.com no s3:PutObject, so the trail cannot deliver to it");
        }
        return Verdict.pass("trail bucket " + bucket.id() + " is dedicated: policy " + policiesText
                + " grants object writes only to cloudtrail.amazonaws.com and no other resource writes to it");
    }

    /** Adds to {@code others} every resource besides trails and the bucket policy that writes to the bucket. */
    private static void otherWriters(Resource trail, Resource bucket, RuleContext context, List<String> others,
                                     List<String> unknown) {
        Optional<String> name = BucketPolicies.literalName(bucket, context);
        // the bucket's own server access logs
        JsonNode logging = bucket.property("LoggingConfiguration");
        if (logging.isObject() && !Values.isIntrinsic(logging)) {
            JsonNode dest = logging.path("DestinationBucketName");
            if (Values.isAbsent(dest) || BucketPolicies.names(dest, bucket, context)) {
                others.add("the bucket receives its own server access logs (LoggingConfiguration "
                        + (Values.isAbsent(dest) ? "without DestinationBucketName)" : "names the bucket itself)"));
            }
        }
        Set<Resource> candidates = new LinkedHashSet<>(context.referencesTo(bucket));
        if (name.isPresent()) {
            for (String type : DESTINATION_TYPES) {
                for (Resource r : context.resourcesOfType(type)) {
                    List<String> paths = new ArrayList<>();
                    paths(r.properties(), "", null, bucket, name, paths);
                    if (!paths.isEmpty()) {
                        candidates.add(r);
                    }
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Resource r : candidates) {
            if (TrailBucket.same(r, bucket) || TrailBucket.same(r, trail) || NON_WRITERS.contains(r.type())
                    || !seen.add(r.type() + "/" + r.id())) {
                continue;
            }
            if (IAM_TYPES.contains(r.type())) {
                iamWrites(r, bucket, name, others, unknown);
                continue;
            }
            List<String> paths = new ArrayList<>();
            paths(r.properties(), "", null, bucket, name, paths);
            others.add(r.type() + " " + r.id() + " also writes to it"
                    + (paths.isEmpty() ? "" : " (" + String.join(", ", paths) + ")"));
        }
    }

    /** An IAM identity resource is a writer when a statement on the bucket grants an object write. */
    private static void iamWrites(Resource r, Resource bucket, Optional<String> name, List<String> others,
                                  List<String> unknown) {
        List<JsonNode> docs = new ArrayList<>();
        if (r.has("PolicyDocument")) {
            docs.add(r.property("PolicyDocument"));
        }
        for (JsonNode inline : Values.list(r.property("Policies"))) {
            docs.add(inline.path("PolicyDocument"));
        }
        for (JsonNode d : docs) {
            Optional<PolicyDocument> doc = PolicyDocument.of(d);
            if (doc.isEmpty()) {
                if (references(d, bucket, name)) {
                    unknown.add("policy document of " + r.type() + " " + r.id() + " (" + Values.describe(d) + ")");
                }
                continue;
            }
            for (Statement s : doc.get().allowStatements()) {
                boolean onBucket = s.resources().stream().anyMatch(n -> references(n, bucket, name));
                if (!onBucket) {
                    continue;
                }
                List<String> writes = S3Grants.covered(s, S3Grants.OBJECT_WRITES);
                if (!writes.isEmpty()) {
                    others.add(r.type() + " " + r.id() + " grants " + String.join(", ", writes) + " on it");
                    return;
                }
                if (S3Grants.hasIntrinsicAction(s)) {
                    unknown.add("actions of a statement of " + r.type() + " " + r.id() + " on the bucket");
                }
            }
        }
    }

    private static boolean references(JsonNode node, Resource bucket, Optional<String> name) {
        List<String> out = new ArrayList<>();
        paths(node, "", null, bucket, name, out);
        return !out.isEmpty();
    }

    /** Property paths inside {@code node} that reference the bucket (by logical id, or by its literal name). */
    private static void paths(JsonNode node, String path, JsonNode parent, Resource bucket, Optional<String> name,
                              List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject() && Values.isIntrinsic(node)) {
            Set<String> ids = new LinkedHashSet<>();
            ResourceSet.collectReferences(node, ids);
            if (ids.contains(bucket.id()) || (name.isPresent() && containsName(node, name.get()))) {
                out.add(label(path, parent));
            }
            return;
        }
        if (node.isTextual()) {
            if (name.isPresent() && namesBucket(node.textValue(), name.get())) {
                out.add(label(path, parent));
            }
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                paths(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), node, bucket, name, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths(node.get(i), path + "[" + i + "]", node, bucket, name, out);
            }
        }
    }

    private static boolean containsName(JsonNode node, String name) {
        if (node.isTextual()) {
            return namesBucket(node.textValue(), name) || node.textValue().contains(":s3:::" + name);
        }
        for (JsonNode child : node) {
            if (containsName(child, name)) {
                return true;
            }
        }
        return false;
    }

    /** "name", "arn:aws:s3:::name[/...]", "s3://name[/...]", "name.s3.amazonaws.com" (CloudFront logging). */
    static boolean namesBucket(String text, String name) {
        String q = Pattern.quote(name);
        return text.equals(name)
                || text.matches("arn:aws[a-z-]*:s3:::" + q + "(/.*)?")
                || text.matches("s3://" + q + "(/.*)?")
                || text.matches(q + "\\.s3[.-].*");
    }

    private static String label(String path, JsonNode parent) {
        if (parent != null && parent.isObject() && path.endsWith(".Value") && parent.path("Key").isTextual()) {
            return path.substring(0, path.length() - ".Value".length()) + " (" + parent.path("Key").textValue() + ")";
        }
        return path;
    }
}
