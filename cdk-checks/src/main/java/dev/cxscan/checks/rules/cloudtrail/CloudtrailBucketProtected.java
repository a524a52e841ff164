package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.PolicyDocument.Statement;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.s3.BucketPolicies;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ACCT-001: the trail's log bucket keeps every version of the logs and cannot simply be deleted.
 * Passes when the bucket is versioned (VersioningConfiguration.Status Enabled; Object Lock implies
 * versioning) and protected from deletion by at least one of:
 * <ul>
 * <li>DeletionPolicy Retain or RetainExceptOnCreate (templates only: a stack deletion would
 * otherwise delete the bucket; live resources have no such attribute);</li>
 * <li>Object Lock: ObjectLockEnabled true with an ObjectLockConfiguration whose Rule has a
 * DefaultRetention (without a default retention CloudTrail's objects are not locked);</li>
 * <li>MFA delete (VersioningConfiguration.MfaDelete Enabled, as live probes report it);</li>
 * <li>a bucket policy statement denying s3:DeleteBucket or s3:DeleteObject* to every principal.
 * Conditions that only exempt principals (aws:PrincipalArn ..., a break-glass role) or require MFA
 * are accepted; any other condition (e.g. the aws:SecureTransport Deny that enforceSSL adds)
 * makes the Deny partial and it does not count.</li>
 * </ul>
 */
public final class CloudtrailBucketProtected extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_bucket_protected",
            "The CloudTrail log bucket is versioned and protected from deletion", Severity.HIGH, "ACCT-001",
            "On the trail's bucket set VersioningConfiguration Status Enabled and DeletionPolicy/UpdateReplacePolicy Retain "
                    + "(or enable Object Lock with a default retention, or add a bucket policy Deny of s3:DeleteBucket and "
                    + "s3:DeleteObject* for Principal *); in CDK: BucketProps.builder().versioned(true)"
                    + ".removalPolicy(RemovalPolicy.RETAIN).objectLockEnabled(true).objectLockDefaultRetention(...).");

    public CloudtrailBucketProtected() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        return TrailBucket.evaluate(trail, context, true, (bucket, policies) -> judge(bucket, policies, context));
    }

    private static Verdict judge(Resource bucket, List<Resource> policies, RuleContext context) {
        List<String> versioningUnknown = new ArrayList<>();
        List<String> protectionUnknown = new ArrayList<>();
        List<String> protections = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // Object Lock
        JsonNode lockNode = bucket.property("ObjectLockEnabled");
        Tri lockEnabled = Values.bool(lockNode, Tri.FALSE);
        if (lockEnabled == Tri.UNKNOWN) {
            protectionUnknown.add("ObjectLockEnabled (" + Values.describe(lockNode) + ")");
        } else if (lockEnabled == Tri.TRUE) {
            JsonNode retention = bucket.property("ObjectLockConfiguration", "Rule", "DefaultRetention");
            if (Values.isSet(retention)) {
                protections.add("Object Lock with default retention" + describeRetention(retention));
            } else {
                notes.add("Object Lock is enabled without a default retention rule, so delivered logs are not locked");
            }
        }

        // versioning (S3 enables it on every Object Lock bucket)
        JsonNode status = bucket.property("VersioningConfiguration", "Status");
        String versioningMissing = null;
        if (!Values.textEquals(status, "Enabled") && lockEnabled != Tri.TRUE) {
            if (Values.isIntrinsic(status)) {
                versioningUnknown.add("VersioningConfiguration.Status (" + Values.describe(status) + ")");
            } else if (lockEnabled == Tri.UNKNOWN) {
                versioningUnknown.add("ObjectLockEnabled (" + Values.describe(lockNode) + ")");
            } else {
                versioningMissing = Values.isAbsent(status) ? "versioning (no VersioningConfiguration)"
                        : "versioning (VersioningConfiguration.Status is " + Values.describe(status) + ")";
            }
        }

        // DeletionPolicy (templates only)
        if (!context.isLive()) {
            JsonNode dp = bucket.attribute("DeletionPolicy");
            Optional<String> dpText = Values.text(dp);
            if (dpText.isPresent() && (dpText.get().equals("Retain") || dpText.get().equals("RetainExceptOnCreate"))) {
                protections.add("DeletionPolicy " + dpText.get());
            } else if (Values.isIntrinsic(dp)) {
                protectionUnknown.add("DeletionPolicy (" + Values.describe(dp) + ")");
            }
        }

        // MFA delete (live shape)
        if (Values.textEquals(bucket.property("VersioningConfiguration", "MfaDelete"), "Enabled")) {
            protections.add("MFA delete");
        }

        // bucket policy Deny of deletion
        for (BucketPolicies.PolicyStatement ps : BucketPolicies.statements(policies, protectionUnknown)) {
            Statement s = ps.statement();
            if (s.allow()) {
                continue;
            }
            List<String> denied = S3Grants.covered(s, S3Grants.DELETES);
            if (denied.isEmpty()) {
                continue;
            }
            String where = "policy " + ps.policy().id() + " " + S3Grants.name(s, ps.index());
            if (!S3Grants.everyone(s)) {
                notes.add(where + " denies deletion only to " + Values.describe(s.principal()));
                continue;
            }
            List<String> limiting = S3Grants.limitingConditionKeys(s);
            if (!limiting.isEmpty()) {
                notes.add(where + " denies " + String.join("/", denied) + " only under condition "
                        + String.join(", ", limiting));
                continue;
            }
            protections.add(where + " denying " + String.join(", ", denied));
        }

        List<String> missing = new ArrayList<>();
        if (versioningMissing != null) {
            missing.add(versioningMissing);
        }
        if (protections.isEmpty() && protectionUnknown.isEmpty()) {
            missing.add("protection from deletion (" + (context.isLive() ? "" : "no DeletionPolicy Retain, ")
                    + "no Object Lock default retention, no MFA delete, no bucket policy denying s3:DeleteBucket/s3:DeleteObject* to everyone)");
        }
        List<String> unknown = new ArrayList<>(versioningUnknown);
        if (protections.isEmpty()) {
            unknown.addAll(protectionUnknown);
        }
        // notes explain why a Deny or Object Lock did not count; only worth saying when nothing else protects
        String noteText = notes.isEmpty() || !protections.isEmpty() ? "" : "; note: " + String.join("; ", notes);
        if (!missing.isEmpty()) {
            return Verdict.fail("trail bucket " + bucket.id() + " lacks " + String.join(" and ", missing)
                    + (unknown.isEmpty() ? "" : "; unresolved: " + String.join(", ", unknown)) + noteText);
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown) + " of trail bucket " + bucket.id());
        }
        return Verdict.pass("trail bucket " + bucket.id() + " is versioned and protected from deletion by "
                + String.join(", ", protections));
    }

    private static String describeRetention(JsonNode retention) {
        String mode = Values.text(retention.path("Mode")).orElse(null);
        String days = Values.text(retention.path("Days")).map(d -> d + " days")
                .orElse(Values.text(retention.path("Years")).map(y -> y + " years").orElse(null));
        if (mode == null && days == null) {
            return "";
        }
        return " (" + (mode == null ? "" : mode) + (mode != null && days != null ? " " : "") + (days == null ? "" : days) + ")";
    }
}
