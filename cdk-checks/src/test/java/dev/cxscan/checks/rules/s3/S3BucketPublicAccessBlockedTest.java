package dev.cxscan.checks.rules.s3;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3BucketPublicAccessBlockedTest {
    private final S3BucketPublicAccessBlocked rule = new S3BucketPublicAccessBlocked();

    /** blockPublicAccess: BLOCK_ALL, and BlockPublicAccess.BLOCK_ACLS (policy flags off), as CDK writes them. */
    private static final String CDK = """
            {"Resources": {
              "SiteBucket397A1860": {"Type": "AWS::S3::Bucket", "Properties": {
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
                                                   "IgnorePublicAcls": true, "RestrictPublicBuckets": true}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/SiteBucket/Resource"}},
              "AclsOnlyBucket1C2D3E4F": {"Type": "AWS::S3::Bucket", "Properties": {
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true}},
                "Metadata": {"aws:cdk:path": "App/AclsOnlyBucket/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Restrict:
                Type: String
            Resources:
              Plain:
                Type: AWS::S3::Bucket
              PublicRead:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: PublicRead
              Strings:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: 'true'
                    BlockPublicPolicy: 'true'
                    IgnorePublicAcls: 'true'
                    RestrictPublicBuckets: 'true'
              OneFalse:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: false
              FromParameter:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: !Ref Restrict
            """;

    @Test
    void cdkBlockAllPasses() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "SiteBucket397A1860").message().contains("all four"));
    }

    @Test
    void missingFlagsInsidePresentConfigurationFailAndAreNamed() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "AclsOnlyBucket1C2D3E4F");
        assertTrue(f.message().contains("BlockPublicPolicy (not set, defaults to false)"), f.message());
        assertTrue(f.message().contains("RestrictPublicBuckets"), f.message());
        assertFalse(f.message().contains("IgnorePublicAcls"), f.message());
    }

    @Test
    void absentConfigurationReliesOnTodaysDefault() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Plain").message().contains("relies on the S3 default for new buckets"));
    }

    @Test
    void publicCannedAclWithoutConfigurationFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "PublicRead").message().contains("AccessControl PublicRead"));
    }

    @Test
    void yamlFlagsAsStringsFalseFlagAndParameter() {
        assertStatus(Status.PASS, rule, YAML, "Strings");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "OneFalse").message().contains("RestrictPublicBuckets false"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Restrict"));
    }

    @Test
    void liveBucketWithoutConfigurationFails() {
        ObjectNode props = JsonNodeFactory.instance.objectNode();
        Resource bucket = Resource.live("AWS::S3::Bucket", "old-bucket", "arn:aws:s3:::old-bucket", "eu-west-1", props);
        Verdict v = rule.evaluate(bucket, new ResourceSet("123456789012/eu-west-1", true, List.of(bucket)));
        assertTrue(v.status() == Status.FAIL && v.message().contains("no bucket-level Block Public Access"), v.toString());
    }
}
