package dev.cxscan.examples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.BlockPublicAccessOptions;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * CloudTrail in all regions to a dedicated, versioned, retained bucket, plus the bucket that
 * receives load balancer and S3 access logs. Non-compliant: a single-region trail without log file
 * validation or KMS, writing into the shared access-log bucket.
 */
public final class AuditTrail extends Construct {
    /** Receives ALB and S3 server access logs (SSE-S3: ALB log delivery does not support SSE-KMS). */
    final Bucket accessLogs;

    public AuditTrail(Construct scope, String id, Posture posture, Encryption encryption) {
        super(scope, id);
        boolean ok = posture.compliant();
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(ok)
                .blockPublicAccess(ok ? BlockPublicAccess.BLOCK_ALL : new BlockPublicAccess(BlockPublicAccessOptions.builder()
                        .blockPublicAcls(false).blockPublicPolicy(false).ignorePublicAcls(false).restrictPublicBuckets(false).build()))
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .versioned(ok)
                .removalPolicy(ok ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        if (ok) {
            Bucket trailBucket = Bucket.Builder.create(this, "TrailBucket")
                    .encryption(BucketEncryption.S3_MANAGED)
                    .enforceSsl(true)
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .versioned(true)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            // CloudTrail must be allowed to use the key in the key policy; the Trail construct does not add it
            encryption.key.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("CloudTrailOfThisAccount")
                    .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                    .actions(List.of("kms:GenerateDataKey*", "kms:DescribeKey"))
                    .resources(List.of("*"))
                    .conditions(Map.of("StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn",
                            "arn:" + Stack.of(this).getPartition() + ":cloudtrail:*:" + Stack.of(this).getAccount() + ":trail/*")))
                    .build());
            Trail.Builder.create(this, "Trail")
                    .bucket(trailBucket)
                    .isMultiRegionTrail(true)
                    .includeGlobalServiceEvents(true)
                    .enableFileValidation(true)
                    .encryptionKey(encryption.key)
                    .sendToCloudWatchLogs(true)
                    .cloudWatchLogGroup(LogGroup.Builder.create(this, "TrailLogs")
                            .retention(RetentionDays.ONE_YEAR)
                            .encryptionKey(encryption.key)
                            .removalPolicy(RemovalPolicy.RETAIN)
                            .build())
                    .build();
        } else {
            Trail.Builder.create(this, "Trail")
                    .bucket(accessLogs)
                    .isMultiRegionTrail(false)
                    .enableFileValidation(false)
                    .build();
        }
    }
}
