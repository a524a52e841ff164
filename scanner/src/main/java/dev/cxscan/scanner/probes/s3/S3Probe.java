package dev.cxscan.scanner.probes.s3;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.policyDocument;
import static dev.cxscan.scanner.probes.ProbeSupport.put;
import static dev.cxscan.scanner.probes.ProbeSupport.tags;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * S3: ListBuckets once for the account (a GLOBAL probe), then per bucket, against a client of the
 * bucket's own region, the six configuration reads the rules need plus the tags. A "NoSuch..." /
 * "...NotFoundError" answer means "not configured" (the property is left out, exactly as a template
 * that does not declare it), never an ERROR; any other error is recorded for the checks that needed
 * the value, and the bucket is still recorded with what was read. Each bucket becomes an
 * AWS::S3::Bucket (id and BucketName the name, ARN arn:aws:s3:::name, region the bucket's) and, when
 * it has one, an AWS::S3::BucketPolicy with the same id, Bucket the name and PolicyDocument the parsed
 * policy. The buckets are read in parallel, up to the scan's concurrency at once ({@link
 * ProbeSupport#forEachParallel}: each bucket's resources and errors are recorded in bucket-list order).
 */
public final class S3Probe implements Probe {
    private static final Set<String> NOT_CONFIGURED = Set.of("ServerSideEncryptionConfigurationNotFoundError",
            "NoSuchPublicAccessBlockConfiguration", "NoSuchBucketPolicy", "ObjectLockConfigurationNotFoundError",
            "NoSuchTagSet", "NoSuchTagSetError");
    private static final List<String> BUCKET_CHECKS = List.of("s3_bucket_encrypted", "s3_bucket_secure_transport",
            "s3_bucket_public_access_blocked", "s3_bucket_versioning", "cloudtrail_bucket_dedicated",
            "cloudtrail_bucket_protected", "cloudtrail_bucket_not_public");

    @Override
    public String service() {
        return "s3";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::S3::Bucket", "AWS::S3::BucketPolicy");
    }

    @Override
    public List<String> iamActions() {
        // s3:GetEncryptionConfiguration is the IAM action of GetBucketEncryption, s3:GetBucketObjectLockConfiguration
        // of GetObjectLockConfiguration, s3:GetBucketPublicAccessBlock of GetPublicAccessBlock
        return List.of("s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetEncryptionConfiguration", "s3:GetBucketVersioning",
                "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicy", "s3:GetBucketLogging",
                "s3:GetBucketObjectLockConfiguration", "s3:GetBucketTagging");
    }

    @Override
    public void read(ProbeContext c) {
        Region home = c.region() == null ? Region.US_EAST_1 : c.region();
        S3Client s3 = c.clients().client(S3Client.class, home);
        Optional<List<Bucket>> buckets = ProbeSupport.call(c, "s3", "s3:ListAllMyBuckets", null, BUCKET_CHECKS, () -> {
            List<Bucket> out = new ArrayList<>();
            s3.listBucketsPaginator(b -> { }).buckets().forEach(out::add);
            return out;
        });
        // S3 has no batch read of bucket settings: the 8 calls per bucket run for up to --concurrency buckets at once
        ProbeSupport.forEachParallel(c, buckets.orElse(List.of()), (own, bucket) -> readBucket(own, s3, bucket));
    }

    private void readBucket(ProbeContext c, S3Client homeClient, Bucket bucket) {
        String name = bucket.name();
        String region = bucket.bucketRegion();
        if (region == null || region.isBlank()) {
            region = ProbeSupport.call(c, "s3", "s3:GetBucketLocation", null, BUCKET_CHECKS,
                    () -> homeClient.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString()).map(S3Probe::regionOf)
                    .orElse(null);
            if (region == null) {
                return;
            }
        }
        String r = region;
        S3Client s3 = c.clients().client(S3Client.class, Region.of(region));
        ObjectNode p = obj();
        p.put("BucketName", name);
        read(c, name, r, "s3:GetEncryptionConfiguration", List.of("s3_bucket_encrypted"),
                () -> s3.getBucketEncryption(b -> b.bucket(name)).serverSideEncryptionConfiguration().rules())
                .ifPresent(rules -> p.putObject("BucketEncryption").set("ServerSideEncryptionConfiguration", encryption(rules)));
        read(c, name, r, "s3:GetBucketVersioning", List.of("s3_bucket_versioning", "cloudtrail_bucket_protected"),
                () -> s3.getBucketVersioning(b -> b.bucket(name))).ifPresent(v -> versioning(p, v));
        read(c, name, r, "s3:GetBucketPublicAccessBlock", List.of("s3_bucket_public_access_blocked", "cloudtrail_bucket_not_public"),
                () -> s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration())
                .ifPresent(pab -> p.set("PublicAccessBlockConfiguration", publicAccessBlock(pab)));
        read(c, name, r, "s3:GetBucketLogging", List.of(), () -> s3.getBucketLogging(b -> b.bucket(name)).loggingEnabled())
                .ifPresent(l -> {
                    ObjectNode lc = p.putObject("LoggingConfiguration");
                    put(lc, "DestinationBucketName", l.targetBucket());
                    put(lc, "LogFilePrefix", l.targetPrefix());
                });
        read(c, name, r, "s3:GetBucketObjectLockConfiguration", List.of("cloudtrail_bucket_protected"),
                () -> s3.getObjectLockConfiguration(b -> b.bucket(name)).objectLockConfiguration())
                .ifPresent(lock -> objectLock(p, lock));
        Optional<ArrayNode> tags = read(c, name, r, "s3:GetBucketTagging", List.of("iac_managed_resources"),
                () -> tags(s3.getBucketTagging(b -> b.bucket(name)).tagSet(), t -> t.key(), t -> t.value()));
        if (tags.isPresent()) {
            p.set("Tags", tags.get());
        } else if (!failed(c, name, "s3:GetBucketTagging")) {
            p.set("Tags", ProbeSupport.arr());
        }
        String arn = "arn:" + ProbeSupport.partition(region) + ":s3:::" + name;
        c.inventory().add(region, Resource.live("AWS::S3::Bucket", name, arn, region, p));
        read(c, name, r, "s3:GetBucketPolicy", List.of("s3_bucket_secure_transport", "cloudtrail_bucket_dedicated",
                "cloudtrail_bucket_protected"), () -> s3.getBucketPolicy(b -> b.bucket(name)).policy())
                .ifPresent(policy -> {
                    ObjectNode pp = obj();
                    pp.put("Bucket", name);
                    pp.set("PolicyDocument", policyDocument(policy));
                    c.inventory().add(r, Resource.live("AWS::S3::BucketPolicy", name, null, r, pp));
                });
    }

    private static boolean failed(ProbeContext c, String bucket, String action) {
        return c.inventory().errors().stream().anyMatch(e -> e.action().equals(action) && e.message() != null && e.message().endsWith("(bucket " + bucket + ")"));
    }

    /** Empty for "not configured"; records other errors (with the bucket named) and returns empty. */
    private static <T> Optional<T> read(ProbeContext c, String bucket, String region, String action, List<String> checks, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            String code = ProbeSupport.errorCode(e);
            if (NOT_CONFIGURED.contains(code)) {
                return Optional.empty();
            }
            String msg = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            c.inventory().error(new ProbeError("s3", action, code, msg + " (bucket " + bucket + ")", region, checks));
            return Optional.empty();
        } catch (RuntimeException e) {
            c.inventory().error(new ProbeError("s3", action, e.getClass().getSimpleName(), e.getMessage() + " (bucket " + bucket + ")", region, checks));
            return Optional.empty();
        }
    }

    static String regionOf(String locationConstraint) {
        if (locationConstraint == null || locationConstraint.isBlank() || locationConstraint.equals("null")) {
            return "us-east-1";
        }
        return locationConstraint.equals("EU") ? "eu-west-1" : locationConstraint;
    }

    private static ArrayNode encryption(List<ServerSideEncryptionRule> rules) {
        ArrayNode a = ProbeSupport.arr();
        for (ServerSideEncryptionRule rule : rules) {
            ObjectNode o = a.addObject();
            if (rule.applyServerSideEncryptionByDefault() != null) {
                ObjectNode d = o.putObject("ServerSideEncryptionByDefault");
                put(d, "SSEAlgorithm", rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString());
                put(d, "KMSMasterKeyID", rule.applyServerSideEncryptionByDefault().kmsMasterKeyID());
            }
            put(o, "BucketKeyEnabled", rule.bucketKeyEnabled());
        }
        return a;
    }

    private static void versioning(ObjectNode p, GetBucketVersioningResponse v) {
        if (v.status() == null && v.mfaDelete() == null) {
            return; // never versioned: S3 returns an empty configuration
        }
        ObjectNode vc = p.putObject("VersioningConfiguration");
        put(vc, "Status", v.statusAsString());
        put(vc, "MfaDelete", v.mfaDeleteAsString());
    }

    private static ObjectNode publicAccessBlock(PublicAccessBlockConfiguration pab) {
        ObjectNode o = obj();
        put(o, "BlockPublicAcls", pab.blockPublicAcls());
        put(o, "BlockPublicPolicy", pab.blockPublicPolicy());
        put(o, "IgnorePublicAcls", pab.ignorePublicAcls());
        put(o, "RestrictPublicBuckets", pab.restrictPublicBuckets());
        return o;
    }

    private static void objectLock(ObjectNode p, ObjectLockConfiguration lock) {
        boolean enabled = "Enabled".equals(lock.objectLockEnabledAsString());
        p.put("ObjectLockEnabled", enabled);
        ObjectNode lc = p.putObject("ObjectLockConfiguration");
        put(lc, "ObjectLockEnabled", lock.objectLockEnabledAsString());
        if (lock.rule() != null && lock.rule().defaultRetention() != null) {
            DefaultRetention d = lock.rule().defaultRetention();
            ObjectNode dr = lc.putObject("Rule").putObject("DefaultRetention");
            put(dr, "Mode", d.modeAsString());
            put(dr, "Days", d.days());
            put(dr, "Years", d.years());
        }
    }
}
