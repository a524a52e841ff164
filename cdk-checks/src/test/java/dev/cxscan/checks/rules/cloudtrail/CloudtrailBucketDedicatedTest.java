package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleTester;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailBucketDedicatedTest {
    private final CloudtrailBucketDedicated rule = new CloudtrailBucketDedicated();

    /**
     * CDK: new Trail(this, "Trail", {bucket: sharedLogs}) where sharedLogs is also the
     * serverAccessLogsBucket of DataBucket and the bucket of alb.logAccessLogs(sharedLogs): the shapes
     * aws-cdk-lib writes for those (policy statements for logging.s3.amazonaws.com and the ELB account,
     * LoggingConfiguration.DestinationBucketName, the access_logs.s3.bucket attribute).
     */
    private static final String CDK_SHARED = """
            {"Resources": {
              "SharedLogs5C1E2D3F": {"Type": "AWS::S3::Bucket",
                "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
                  "IgnorePublicAcls": true, "RestrictPublicBuckets": true}, "VersioningConfiguration": {"Status": "Enabled"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/SharedLogs/Resource"}},
              "SharedLogsPolicy8A9B0C1D": {"Type": "AWS::S3::BucketPolicy",
                "Properties": {"Bucket": {"Ref": "SharedLogs5C1E2D3F"},
                  "PolicyDocument": {"Statement": [
                    {"Action": "s3:PutObject",
                     "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::GetAtt": ["DataBucketE3889A50", "Arn"]}},
                                   "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                     "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
                     "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["SharedLogs5C1E2D3F", "Arn"]}, "/*"]]}},
                    {"Action": "s3:PutObject", "Effect": "Allow",
                     "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::127311923021:root"]]}},
                     "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["SharedLogs5C1E2D3F", "Arn"]}, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"]]}},
                    {"Action": "s3:GetBucketAcl", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                     "Resource": {"Fn::GetAtt": ["SharedLogs5C1E2D3F", "Arn"]}},
                    {"Action": "s3:PutObject", "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
                     "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                     "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["SharedLogs5C1E2D3F", "Arn"]}, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"]]}}],
                   "Version": "2012-10-17"}},
                "Metadata": {"aws:cdk:path": "App/SharedLogs/Policy/Resource"}},
              "DataBucketE3889A50": {"Type": "AWS::S3::Bucket",
                "Properties": {"LoggingConfiguration": {"DestinationBucketName": {"Ref": "SharedLogs5C1E2D3F"}}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DataBucket/Resource"}},
              "AlbE3B1C8F4": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"LoadBalancerAttributes": [
                    {"Key": "deletion_protection.enabled", "Value": "false"},
                    {"Key": "access_logs.s3.enabled", "Value": "true"},
                    {"Key": "access_logs.s3.bucket", "Value": {"Ref": "SharedLogs5C1E2D3F"}},
                    {"Key": "access_logs.s3.prefix", "Value": ""}],
                  "Scheme": "internet-facing", "Subnets": ["subnet-1", "subnet-2"], "Type": "application"},
                "DependsOn": ["SharedLogsPolicy8A9B0C1D"],
                "Metadata": {"aws:cdk:path": "App/Alb/Resource"}},
              "Trail022F0CF2": {"Type": "AWS::CloudTrail::Trail",
                "Properties": {"IsLogging": true, "S3BucketName": {"Ref": "SharedLogs5C1E2D3F"},
                  "EnableLogFileValidation": true, "EventSelectors": [], "IncludeGlobalServiceEvents": true,
                  "IsMultiRegionTrail": true},
                "DependsOn": ["SharedLogsPolicy8A9B0C1D"],
                "Metadata": {"aws:cdk:path": "App/Trail/Resource"}}
            }}""";

    /** Hand-written trails, each with its own bucket unless the scenario is about sharing. */
    private static final String YAML = """
            Parameters:
              BucketParam:
                Type: String
            Conditions:
              UseShared: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              # dedicated bucket, policy with !Sub ARNs, a second trail and a read-only analyst policy
              OwnLogs:
                Type: AWS::S3::Bucket
              OwnLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref OwnLogs
                  PolicyDocument:
                    Statement:
                      - Sid: AWSCloudTrailAclCheck
                        Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:GetBucketAcl
                        Resource: !Sub "arn:aws:s3:::${OwnLogs}"
                      - Sid: AWSCloudTrailWrite
                        Effect: Allow
                        Principal:
                          Service: [cloudtrail.amazonaws.com]
                        Action: s3:PutObject
                        Resource: !Sub "arn:aws:s3:::${OwnLogs}/AWSLogs/${AWS::AccountId}/*"
              Dedicated:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref OwnLogs
                  IsLogging: true
              SecondTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref OwnLogs
                  S3KeyPrefix: second
                  IsLogging: true
              AnalystPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, s3:ListBucket]
                        Resource: [!GetAtt OwnLogs.Arn, !Sub "${OwnLogs.Arn}/*"]

              # the trail bucket also receives the server access logs of another bucket
              SharedLogs:
                Type: AWS::S3::Bucket
              SharedLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref SharedLogs
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: [s3:GetBucketAcl, s3:PutObject]
                        Resource: [!GetAtt SharedLogs.Arn, !Sub "${SharedLogs.Arn}/*"]
              AppData:
                Type: AWS::S3::Bucket
                Properties:
                  LoggingConfiguration:
                    DestinationBucketName: !Ref SharedLogs
                    LogFilePrefix: appdata/
              SharedTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref SharedLogs
                  IsLogging: true

              # an IAM policy lets an application write into the trail bucket
              WrittenLogs:
                Type: AWS::S3::Bucket
              WrittenLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref WrittenLogs
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:PutObject
                        Resource: !Sub "${WrittenLogs.Arn}/*"
              AppWriter:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: app
                  Roles: [app-role]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: s3:Put*
                        Resource: !Sub "${WrittenLogs.Arn}/uploads/*"
              WrittenTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref WrittenLogs
                  IsLogging: true

              # the bucket policy itself grants writes to an account
              AccountLogs:
                Type: AWS::S3::Bucket
              AccountLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref AccountLogs
                  PolicyDocument:
                    Statement:
                      - Sid: CloudTrail
                        Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:PutObject
                        Resource: !Sub "${AccountLogs.Arn}/*"
                      - Sid: Uploads
                        Effect: Allow
                        Principal: {AWS: "arn:aws:iam::111122223333:root"}
                        Action: s3:*
                        Resource: !Sub "${AccountLogs.Arn}/*"
              AccountTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref AccountLogs
                  IsLogging: true

              # bucket without any policy, and one whose policy never lets CloudTrail write
              Unwritable:
                Type: AWS::S3::Bucket
              NoPolicyTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref Unwritable
                  IsLogging: true
              AclOnly:
                Type: AWS::S3::Bucket
              AclOnlyPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref AclOnly
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:GetBucketAcl
                        Resource: !GetAtt AclOnly.Arn
              AclOnlyTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref AclOnly
                  IsLogging: true

              # the bucket logs its own access into itself
              SelfLogging:
                Type: AWS::S3::Bucket
                Properties:
                  LoggingConfiguration:
                    LogFilePrefix: access/
              SelfLoggingPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref SelfLogging
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:PutObject
                        Resource: !Sub "${SelfLogging.Arn}/*"
              SelfLoggingTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref SelfLogging
                  IsLogging: true

              # literal bucket names: one declared here (and a flow log writes to it by ARN), one not declared
              NamedLogs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: named-trail-logs
              NamedLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: named-trail-logs
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: s3:PutObject
                        Resource: arn:aws:s3:::named-trail-logs/AWSLogs/*
              VpcFlowLog:
                Type: AWS::EC2::FlowLog
                Properties:
                  ResourceId: vpc-123
                  ResourceType: VPC
                  TrafficType: ALL
                  LogDestinationType: s3
                  LogDestination: arn:aws:s3:::named-trail-logs/flow-logs/
              NamedTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: named-trail-logs
                  IsLogging: true
              CentralTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: org-central-cloudtrail
                  IsLogging: true
              ParamTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref BucketParam
                  IsLogging: true
              NoBucketTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  IsLogging: true

              # Fn::If between the dedicated bucket and the shared one
              SwitchTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !If [UseShared, !Ref SharedLogs, !Ref OwnLogs]
                  IsLogging: true
            """;

    /** Older CDK versions wrote service principals with AWS::URLSuffix. */
    private static final String CDK_V1_PRINCIPAL = """
            {"Resources": {
              "TrailS30071F172": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"},
              "TrailS3PolicyE42170FE": {"Type": "AWS::S3::BucketPolicy", "Properties": {
                "Bucket": {"Ref": "TrailS30071F172"},
                "PolicyDocument": {"Statement": [
                  {"Action": "s3:PutObject", "Effect": "Allow",
                   "Principal": {"Service": {"Fn::Join": ["", ["cloudtrail.", {"Ref": "AWS::URLSuffix"}]]}},
                   "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["TrailS30071F172", "Arn"]}, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"]]}}],
                 "Version": "2012-10-17"}}},
              "Trail022F0CF2": {"Type": "AWS::CloudTrail::Trail", "Properties": {
                "IsLogging": true, "S3BucketName": {"Ref": "TrailS30071F172"}}}
            }}""";

    @Test
    void cdkTrailBucketsAreDedicated() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("AuditBucket9A0B5A6C"), f.message());
        assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
    }

    @Test
    void cdkBucketSharedWithAccessLogsAndAlbLogsFailsNamingEveryWriter() {
        Finding f = assertStatus(Status.FAIL, rule, CDK_SHARED, "Trail022F0CF2");
        String m = f.message();
        assertTrue(m.contains("logging.s3.amazonaws.com"), m);
        assertTrue(m.contains("127311923021"), m);
        assertTrue(m.contains("DataBucketE3889A50") && m.contains("LoggingConfiguration.DestinationBucketName"), m);
        assertTrue(m.contains("AlbE3B1C8F4") && m.contains("access_logs.s3.bucket"), m);
        assertEquals("App/Trail/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkV1UrlSuffixPrincipalIsCloudTrail() {
        assertStatus(Status.PASS, rule, CDK_V1_PRINCIPAL, "Trail022F0CF2");
    }

    @Test
    void yamlDedicatedBucketPassesWithOtherTrailsAndReaders() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "Dedicated");
        assertTrue(f.message().contains("OwnLogsPolicy"), f.message());
        assertStatus(Status.PASS, rule, YAML, "SecondTrail");
    }

    @Test
    void bucketSharedWithServerAccessLogsOfAnotherBucketFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SharedTrail");
        assertTrue(f.message().contains("AppData"), f.message());
        assertTrue(f.message().contains("LoggingConfiguration.DestinationBucketName"), f.message());
    }

    @Test
    void iamPolicyGrantingWritesOnTheBucketFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "WrittenTrail");
        assertTrue(f.message().contains("AppWriter"), f.message());
        assertTrue(f.message().contains("s3:PutObject"), f.message());
    }

    @Test
    void bucketPolicyGrantingAnAccountFailsNamingTheStatement() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "AccountTrail");
        assertTrue(f.message().contains("statement Uploads"), f.message());
        assertTrue(f.message().contains("arn:aws:iam::111122223333:root"), f.message());
        assertFalse(f.message().contains("statement CloudTrail"), f.message());
    }

    @Test
    void bucketWithoutPolicyCannotReceiveTrailLogs() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "NoPolicyTrail");
        assertTrue(f.message().contains("no bucket policy"), f.message());
        Finding g = assertStatus(Status.FAIL, rule, YAML, "AclOnlyTrail");
        assertTrue(g.message().contains("cannot deliver"), g.message());
    }

    @Test
    void bucketReceivingItsOwnAccessLogsFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SelfLoggingTrail");
        assertTrue(f.message().contains("own server access logs"), f.message());
    }

    @Test
    void literalNameIsFollowedToTheDeclaredBucketAndItsOtherWriters() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "NamedTrail");
        assertTrue(f.message().contains("VpcFlowLog"), f.message());
        assertTrue(f.message().contains("LogDestination"), f.message());
    }

    @Test
    void bucketOutsideTheTemplateIsUnresolvedNeverPassed() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "CentralTrail");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("org-central-cloudtrail"), f.message());
        assertTrue(f.message().contains("not declared in this template"), f.message());
    }

    @Test
    void parameterWithoutDefaultOrMissingBucketIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "ParamTrail");
        assertTrue(f.message().contains("Ref BucketParam"), f.message());
        Finding g = assertStatus(Status.FAIL, rule, YAML, "NoBucketTrail");
        assertTrue(g.message().contains("no S3BucketName"), g.message());
    }

    @Test
    void fnIfToTheSharedBucketFailsOnThatBranch() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SwitchTrail");
        assertTrue(f.message().contains("condition UseShared is true"), f.message());
        assertTrue(f.message().contains("AppData"), f.message());
    }

    // The CloudTrail bucket rules have no upstream counterpart (conformance/README.md: protection of the
    // CloudTrail bucket has no CloudFormation test); these are cxscan's own verdicts on upstream trail templates.
    private static final String CHECKOV_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.yaml";
    private static final String VENDOR_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.json";
    private static final String GUARD_TRAIL = "templates/guard/cloud_trail_encryption_enabled/case02-pass.yaml";

    @Test
    void upstreamTrailTemplates() {
        // checkov: a bare bucket with the AWS documentation's CloudTrail bucket policy
        assertStatus(Status.PASS, rule, RuleTester.conformanceTemplate(CHECKOV_TRAIL), "myTrail");
        // a vendor template: a cross-account role only reads the bucket (s3:Get*, s3:ListBucket)
        assertStatus(Status.PASS, rule, RuleTester.conformanceTemplate(VENDOR_TRAIL), "acmeCWSTrail");
        // guard: the bucket is a Ref to an undeclared parameter, never a pass
        Finding f = assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(GUARD_TRAIL), "ExampleTrail");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
    }
}
