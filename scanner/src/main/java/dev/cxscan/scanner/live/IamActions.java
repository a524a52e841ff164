package dev.cxscan.scanner.live;

import java.util.Locale;
import java.util.Map;

/**
 * The IAM action an SDK operation is authorized by. Mostly "prefix:Operation", with the known
 * exceptions: CloudWatch's endpoint prefix is "monitoring" but its IAM prefix "cloudwatch"; many S3
 * operations are authorized by differently named actions (GetBucketEncryption by
 * s3:GetEncryptionConfiguration, ListBuckets by s3:ListAllMyBuckets ...); Budgets' Describe calls by
 * budgets:ViewBudget.
 */
public final class IamActions {
    private static final Map<String, String> PREFIX = Map.of(
            "monitoring", "cloudwatch",
            "s3-control", "s3",
            "s3control", "s3",
            "email", "ses",
            "runtime.sagemaker", "sagemaker",
            "sso-oidc", "sso");

    private static final Map<String, String> S3 = Map.ofEntries(
            Map.entry("GetBucketEncryption", "GetEncryptionConfiguration"),
            Map.entry("GetPublicAccessBlock", "GetBucketPublicAccessBlock"),
            Map.entry("GetObjectLockConfiguration", "GetBucketObjectLockConfiguration"),
            Map.entry("ListBuckets", "ListAllMyBuckets"),
            Map.entry("HeadBucket", "ListBucket"),
            Map.entry("ListObjects", "ListBucket"),
            Map.entry("ListObjectsV2", "ListBucket"),
            Map.entry("ListObjectVersions", "ListBucketVersions"),
            Map.entry("HeadObject", "GetObject"),
            Map.entry("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            Map.entry("GetBucketReplication", "GetReplicationConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "GetBucketNotification"),
            Map.entry("GetBucketAccelerateConfiguration", "GetAccelerateConfiguration"),
            Map.entry("GetBucketAnalyticsConfiguration", "GetAnalyticsConfiguration"),
            Map.entry("GetBucketIntelligentTieringConfiguration", "GetIntelligentTieringConfiguration"),
            Map.entry("GetBucketInventoryConfiguration", "GetInventoryConfiguration"),
            Map.entry("GetBucketMetricsConfiguration", "GetMetricsConfiguration"));

    private static final Map<String, String> S3_CONTROL = Map.of(
            "GetPublicAccessBlock", "GetAccountPublicAccessBlock");

    private static final Map<String, String> BUDGETS = Map.of(
            "DescribeBudgets", "ViewBudget",
            "DescribeBudget", "ViewBudget",
            "DescribeBudgetPerformanceHistory", "ViewBudget",
            "DescribeNotificationsForBudget", "ViewBudget",
            "DescribeSubscribersForNotification", "ViewBudget");

    private IamActions() {
    }

    /** IAM prefix of a client's SERVICE_NAME (endpoint prefix), e.g. "monitoring" -> "cloudwatch". */
    public static String prefix(String serviceName) {
        String s = serviceName.toLowerCase(Locale.ROOT);
        return PREFIX.getOrDefault(s, s);
    }

    /** E.g. ("s3", "GetBucketEncryption") -> "s3:GetEncryptionConfiguration". */
    public static String of(String serviceName, String operation) {
        String s = serviceName.toLowerCase(Locale.ROOT);
        String p = prefix(s);
        String action = switch (s) {
            case "s3" -> S3.getOrDefault(operation, operation);
            case "s3-control", "s3control" -> S3_CONTROL.getOrDefault(operation, operation);
            case "budgets" -> BUDGETS.getOrDefault(operation, operation);
            default -> operation;
        };
        return p + ":" + action;
    }
}
