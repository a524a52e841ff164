package dev.cxscan.checks.rules.cloudtrail;

/** Templates shared by the CloudTrail rule tests. */
final class TrailFixtures {
    private TrailFixtures() {
    }

    /**
     * The shape aws-cdk-lib synthesizes for two trails in one stack:
     * <ul>
     * <li>AuditTrail: new Trail(this, "AuditTrail", {bucket: auditBucket, encryptionKey: key,
     * sendToCloudWatchLogs: true, isMultiRegionTrail: true}) with auditBucket = new Bucket(this,
     * "AuditBucket", {versioned: true, blockPublicAccess: BLOCK_ALL, enforceSSL: true}); every check passes.</li>
     * <li>Trail: new Trail(this, "Trail", {isMultiRegionTrail: false, enableFileValidation: false}) with the
     * bucket the construct creates itself (not versioned, retained, public access blocked).</li>
     * </ul>
     */
    static final String CDK = """
            {
             "Resources": {
              "AuditKey4F7E1C0D": {
               "Type": "AWS::KMS::Key",
               "Properties": {
                "EnableKeyRotation": true,
                "KeyPolicy": {"Statement": [
                  {"Action": "kms:*", "Effect": "Allow",
                   "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]}},
                   "Resource": "*"},
                  {"Action": "kms:GenerateDataKey*", "Condition": {"StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn":
                     {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":cloudtrail:*:", {"Ref": "AWS::AccountId"}, ":trail/*"]]}}},
                   "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Resource": "*"}],
                 "Version": "2012-10-17"}
               },
               "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
               "Metadata": {"aws:cdk:path": "AuditStack/AuditKey/Resource"}
              },
              "AuditBucket9A0B5A6C": {
               "Type": "AWS::S3::Bucket",
               "Properties": {
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
                                                   "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
                "VersioningConfiguration": {"Status": "Enabled"}
               },
               "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
               "Metadata": {"aws:cdk:path": "AuditStack/AuditBucket/Resource"}
              },
              "AuditBucketPolicy7C5E2F1B": {
               "Type": "AWS::S3::BucketPolicy",
               "Properties": {
                "Bucket": {"Ref": "AuditBucket9A0B5A6C"},
                "PolicyDocument": {"Statement": [
                  {"Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny",
                   "Principal": {"AWS": "*"},
                   "Resource": [{"Fn::GetAtt": ["AuditBucket9A0B5A6C", "Arn"]},
                                {"Fn::Join": ["", [{"Fn::GetAtt": ["AuditBucket9A0B5A6C", "Arn"]}, "/*"]]}]},
                  {"Action": "s3:GetBucketAcl", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Resource": {"Fn::GetAtt": ["AuditBucket9A0B5A6C", "Arn"]}},
                  {"Action": "s3:PutObject", "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
                   "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["AuditBucket9A0B5A6C", "Arn"]}, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"]]}}],
                 "Version": "2012-10-17"}
               },
               "Metadata": {"aws:cdk:path": "AuditStack/AuditBucket/Policy/Resource"}
              },
              "AuditTrailLogGroup2D8E3F4A": {
               "Type": "AWS::Logs::LogGroup",
               "Properties": {"RetentionInDays": 365},
               "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
               "Metadata": {"aws:cdk:path": "AuditStack/AuditTrail/LogGroup/Resource"}
              },
              "AuditTrailLogsRole5B6C7D8E": {
               "Type": "AWS::IAM::Role",
               "Properties": {
                "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                  "Principal": {"Service": "cloudtrail.amazonaws.com"}}], "Version": "2012-10-17"}
               },
               "Metadata": {"aws:cdk:path": "AuditStack/AuditTrail/LogsRole/Resource"}
              },
              "AuditTrailLogsRoleDefaultPolicy1A2B3C4D": {
               "Type": "AWS::IAM::Policy",
               "Properties": {
                "PolicyDocument": {"Statement": [{"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Effect": "Allow",
                  "Resource": {"Fn::GetAtt": ["AuditTrailLogGroup2D8E3F4A", "Arn"]}}], "Version": "2012-10-17"},
                "PolicyName": "AuditTrailLogsRoleDefaultPolicy1A2B3C4D",
                "Roles": [{"Ref": "AuditTrailLogsRole5B6C7D8E"}]
               },
               "Metadata": {"aws:cdk:path": "AuditStack/AuditTrail/LogsRole/DefaultPolicy/Resource"}
              },
              "AuditTrail8E1A5D2C": {
               "Type": "AWS::CloudTrail::Trail",
               "Properties": {
                "IsLogging": true,
                "S3BucketName": {"Ref": "AuditBucket9A0B5A6C"},
                "CloudWatchLogsLogGroupArn": {"Fn::GetAtt": ["AuditTrailLogGroup2D8E3F4A", "Arn"]},
                "CloudWatchLogsRoleArn": {"Fn::GetAtt": ["AuditTrailLogsRole5B6C7D8E", "Arn"]},
                "EnableLogFileValidation": true,
                "EventSelectors": [],
                "IncludeGlobalServiceEvents": true,
                "IsMultiRegionTrail": true,
                "KMSKeyId": {"Fn::GetAtt": ["AuditKey4F7E1C0D", "Arn"]}
               },
               "DependsOn": ["AuditBucketPolicy7C5E2F1B", "AuditTrailLogsRoleDefaultPolicy1A2B3C4D", "AuditTrailLogsRole5B6C7D8E"],
               "Metadata": {"aws:cdk:path": "AuditStack/AuditTrail/Resource"}
              },
              "TrailS30071F172": {
               "Type": "AWS::S3::Bucket",
               "Properties": {
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
                                                   "IgnorePublicAcls": true, "RestrictPublicBuckets": true}
               },
               "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
               "Metadata": {"aws:cdk:path": "AuditStack/Trail/S3/Resource"}
              },
              "TrailS3PolicyE42170FE": {
               "Type": "AWS::S3::BucketPolicy",
               "Properties": {
                "Bucket": {"Ref": "TrailS30071F172"},
                "PolicyDocument": {"Statement": [
                  {"Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny",
                   "Principal": {"AWS": "*"},
                   "Resource": [{"Fn::GetAtt": ["TrailS30071F172", "Arn"]},
                                {"Fn::Join": ["", [{"Fn::GetAtt": ["TrailS30071F172", "Arn"]}, "/*"]]}]},
                  {"Action": "s3:GetBucketAcl", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Resource": {"Fn::GetAtt": ["TrailS30071F172", "Arn"]}},
                  {"Action": "s3:PutObject", "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
                   "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["TrailS30071F172", "Arn"]}, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"]]}}],
                 "Version": "2012-10-17"}
               },
               "Metadata": {"aws:cdk:path": "AuditStack/Trail/S3/Policy/Resource"}
              },
              "Trail022F0CF2": {
               "Type": "AWS::CloudTrail::Trail",
               "Properties": {
                "IsLogging": true,
                "S3BucketName": {"Ref": "TrailS30071F172"},
                "EnableLogFileValidation": false,
                "EventSelectors": [],
                "IncludeGlobalServiceEvents": true,
                "IsMultiRegionTrail": false
               },
               "DependsOn": ["TrailS3PolicyE42170FE"],
               "Metadata": {"aws:cdk:path": "AuditStack/Trail/Resource"}
              }
             }
            }
            """;

    static final String CDK_GOOD = "AuditTrail8E1A5D2C";
    static final String CDK_DEFAULTS = "Trail022F0CF2";
}
