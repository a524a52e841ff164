package dev.cxscan.scanner.probes.cloudtrail;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Live post-processing of the trail bucket rules (cloudtrail_bucket_dedicated / _protected /
 * _not_public). When a trail's bucket is not among the account's buckets (ListBuckets answered, the
 * name is not in it) - the usual case for an organization trail whose bucket lives in a log-archive
 * account - the rules can only say "cannot verify" (FAIL). The issue asks for MANUAL with the bucket
 * name; Finding has no MANUAL status, so such a finding becomes INFO with a message starting
 * "MANUAL:" that names the bucket and what to check in the account that owns it. The orchestrator
 * calls {@link #adjust} on the rule findings of a live scan. When S3 could not be listed the
 * FAIL/ERROR stays as it is.
 */
public final class TrailBucketFindings {
    static final Set<String> BUCKET_CHECKS = Set.of("cloudtrail_bucket_dedicated", "cloudtrail_bucket_protected",
            "cloudtrail_bucket_not_public");

    private TrailBucketFindings() {
    }

    public static List<Finding> adjust(List<Finding> findings, LiveInventory inventory, String accountId) {
        Map<String, List<Resource>> all = inventory.resourcesByRegion();
        Set<String> buckets = new HashSet<>();
        List<Resource> trails = new ArrayList<>();
        all.values().forEach(l -> l.forEach(r -> {
            if (r.type().equals("AWS::S3::Bucket")) {
                buckets.add(r.id());
            } else if (r.type().equals("AWS::CloudTrail::Trail")) {
                trails.add(r);
            }
        }));
        boolean bucketsListed = inventory.errors().stream().noneMatch(e -> e.action().equals("s3:ListAllMyBuckets"));
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(bucketsListed ? adjust(f, trails, buckets, accountId) : f);
        }
        return out;
    }

    private static Finding adjust(Finding f, List<Resource> trails, Set<String> buckets, String accountId) {
        if (!BUCKET_CHECKS.contains(f.check()) || f.status() != Status.FAIL || f.resource() == null
                || !"AWS::CloudTrail::Trail".equals(f.resource().type())) {
            return f;
        }
        Optional<Resource> trail = trails.stream().filter(t -> t.id().equals(f.resource().id())
                && (f.resource().arn() == null || f.resource().arn().equals(t.location().arn()))).findFirst();
        if (trail.isEmpty()) {
            return f;
        }
        String bucket = trail.get().property("S3BucketName").asText("");
        if (bucket.isEmpty() || buckets.contains(bucket)) {
            return f;
        }
        String owner = owner(trail.get().location().arn());
        boolean org = trail.get().property("IsOrganizationTrail").asBoolean(false);
        String where = org && owner != null && !owner.equals(accountId)
                ? "organization trail of account " + owner
                : "the bucket is not in this account";
        return new Finding(f.check(), f.controls(), Status.INFO, f.severity(), f.resource(),
                "MANUAL: trail bucket " + bucket + " is outside the scanned account (" + where + "); verify "
                        + what(f.check()) + " in the account that owns " + bucket, null);
    }

    private static String what(String check) {
        return switch (check) {
            case "cloudtrail_bucket_dedicated" -> "that it holds only trail logs and only CloudTrail may write to it";
            case "cloudtrail_bucket_protected" -> "that it is versioned and protected from deletion";
            default -> "that it blocks all public access";
        };
    }

    static String owner(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : null;
    }
}
