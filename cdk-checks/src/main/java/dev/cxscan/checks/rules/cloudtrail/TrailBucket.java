package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.ConditionBranches;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.s3.BucketPolicies;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Navigation shared by the trail bucket rules: trail -> S3BucketName -> the AWS::S3::Bucket -> its
 * AWS::S3::BucketPolicy. Written against {@link RuleContext} only, so that it works for templates
 * ({"Ref": bucket}, a literal name matching a bucket's literal BucketName) and for live scans (the
 * trail's S3BucketName is the bucket name, which {@link RuleContext#resolveReference} finds).
 *
 * <p>The bucket and its policy are other resources than the one the engine expands, so their own
 * Fn::If branches are expanded here and the worst verdict over all combinations is returned, naming
 * the branch.
 */
final class TrailBucket {
    static final String BUCKET = "AWS::S3::Bucket";
    private static final int MAX_COMBINATIONS = 64;

    private TrailBucket() {
    }

    /** Judges one view of the trail bucket together with views of its bucket policies (possibly none). */
    @FunctionalInterface
    interface Judge {
        Verdict judge(Resource bucket, List<Resource> policies);
    }

    /** Either the bucket or the verdict that explains why it could not be found. */
    record Lookup(Resource bucket, Verdict problem) {
        boolean found() {
            return bucket != null;
        }
    }

    /** Follows the trail's S3BucketName to a bucket in the same scope. */
    static Lookup find(Resource trail, RuleContext context) {
        JsonNode name = trail.property("S3BucketName");
        if (Values.isAbsent(name)) {
            return new Lookup(null, Verdict.fail("the trail declares no S3BucketName (a required property)"));
        }
        Optional<Resource> found;
        if (name.isTextual()) {
            // a literal is a bucket name (in a template never a logical id); live: the bucket's name, id or ARN
            found = bucketNamed(name.textValue(), context);
            if (found.isEmpty() && context.isLive()) {
                found = context.resolveReference(name);
            }
        } else {
            found = context.resolveReference(name);
        }
        if (found.isEmpty()) {
            if (context.isLive()) {
                return new Lookup(null, Verdict.fail("cannot verify: trail bucket '" + Values.describe(name)
                        + "' is not among the buckets scanned (a bucket in another account or region?)"));
            }
            return new Lookup(null, Verdict.unresolved(name.isTextual()
                    ? "trail bucket '" + name.textValue() + "' (not declared in this template)"
                    : "trail bucket (S3BucketName " + Values.describe(name) + ")"));
        }
        Resource r = found.get();
        if (!BUCKET.equals(r.type())) {
            return new Lookup(null, Verdict.unresolved("trail bucket (S3BucketName " + Values.describe(name)
                    + " names " + r.type() + " " + r.id() + ", not an AWS::S3::Bucket)"));
        }
        return new Lookup(r, null);
    }

    static boolean same(Resource a, Resource b) {
        return a.type().equals(b.type()) && a.id().equals(b.id());
    }

    /**
     * Resolves the trail's bucket and runs {@code judge} over every Fn::If branch of the bucket and (when
     * {@code withPolicies}) of its bucket policies. The worst verdict wins (FAIL over ERROR over PASS);
     * it names its branch when another branch passes, so a failure that holds on every branch reads as
     * unconditional.
     */
    static Verdict evaluate(Resource trail, RuleContext context, boolean withPolicies, Judge judge) {
        Lookup lookup = find(trail, context);
        if (!lookup.found()) {
            return lookup.problem();
        }
        List<Resource> bucketViews = ConditionBranches.expand(lookup.bucket());
        List<List<Resource>> policyCombos = withPolicies
                ? combinations(BucketPolicies.attachedTo(lookup.bucket(), context))
                : List.of(List.of());
        Verdict worst = null;
        String worstLabel = null;
        boolean anyPass = false;
        for (Resource bucket : bucketViews) {
            for (List<Resource> policies : policyCombos) {
                Verdict v = judge.judge(bucket, policies);
                if (!v.applies()) {
                    continue;
                }
                anyPass |= v.status() == Status.PASS;
                if (worst == null || rank(v.status()) > rank(worst.status())) {
                    worst = v;
                    worstLabel = branchLabel(bucket, policies);
                }
            }
        }
        if (worst == null) {
            return Verdict.notApplicable();
        }
        if (anyPass && worst.status() != Status.PASS && worstLabel != null) {
            return new Verdict(worst.status(), worst.message() + " (" + worstLabel + ")");
        }
        return worst;
    }

    private static List<List<Resource>> combinations(List<Resource> policies) {
        List<List<Resource>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Resource policy : policies) {
            List<Resource> views = ConditionBranches.expand(policy);
            List<List<Resource>> next = new ArrayList<>();
            for (List<Resource> combo : combos) {
                for (Resource view : views) {
                    if (next.size() >= MAX_COMBINATIONS) {
                        break;
                    }
                    List<Resource> c = new ArrayList<>(combo);
                    c.add(view);
                    next.add(c);
                }
            }
            combos = next;
        }
        return combos;
    }

    private static String branchLabel(Resource bucket, List<Resource> policies) {
        List<String> parts = new ArrayList<>();
        if (bucket.branch() != null) {
            parts.add("bucket " + bucket.id() + " " + bucket.branch());
        }
        for (Resource p : policies) {
            if (p.branch() != null) {
                parts.add("policy " + p.id() + " " + p.branch());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static int rank(Status s) {
        return switch (s) {
            case FAIL -> 3;
            case ERROR -> 2;
            default -> 1;
        };
    }

    private static Optional<Resource> bucketNamed(String name, RuleContext context) {
        if (name.isBlank()) {
            return Optional.empty();
        }
        for (Resource b : context.resourcesOfType(BUCKET)) {
            if (Values.text(b.property("BucketName")).map(name::equals).orElse(false)
                    || (context.isLive() && (b.id().equals(name) || name.equals(b.location().arn())))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
