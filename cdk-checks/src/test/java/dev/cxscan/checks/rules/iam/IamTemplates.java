package dev.cxscan.checks.rules.iam;

/** Templates shared by the IAM rule tests: one in the shape aws-cdk-lib synthesizes, one hand-written YAML. */
final class IamTemplates {
    private IamTemplates() {
    }

    /**
     * As aws-cdk-lib writes it: a traced Lambda with a table grant (DefaultPolicy), an admin role built
     * with ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess") trusted by AccountRootPrincipal,
     * a CodeBuild VPC policy, a partner role with and without an external id, a user with an access key.
     */
    static final String CDK = """
            {"Resources": {
              "TableCD117FA1": {"Type": "AWS::DynamoDB::Table",
                "Properties": {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Table/Resource"}},
              "HandlerServiceRoleFCDC14AE": {"Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"}}], "Version": "2012-10-17"},
                  "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
                    ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}]},
                "Metadata": {"aws:cdk:path": "App/Handler/ServiceRole/Resource"}},
              "HandlerServiceRoleDefaultPolicyCBD0CC91": {"Type": "AWS::IAM::Policy",
                "Properties": {
                  "PolicyDocument": {"Statement": [
                    {"Action": ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], "Effect": "Allow", "Resource": "*"},
                    {"Action": ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                      "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:GetRecords",
                      "dynamodb:GetShardIterator", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"],
                     "Effect": "Allow",
                     "Resource": [{"Fn::GetAtt": ["TableCD117FA1", "Arn"]}, {"Ref": "AWS::NoValue"}]}],
                    "Version": "2012-10-17"},
                  "PolicyName": "HandlerServiceRoleDefaultPolicyCBD0CC91",
                  "Roles": [{"Ref": "HandlerServiceRoleFCDC14AE"}]},
                "Metadata": {"aws:cdk:path": "App/Handler/ServiceRole/DefaultPolicy/Resource"}},
              "OpsAdminRoleB9A5F2C4": {"Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                    "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::",
                      {"Ref": "AWS::AccountId"}, ":root"]]}}}], "Version": "2012-10-17"},
                  "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
                    ":iam::aws:policy/AdministratorAccess"]]}]},
                "Metadata": {"aws:cdk:path": "App/OpsAdminRole/Resource"}},
              "BuildRole1A2B3C4D": {"Type": "AWS::IAM::Role",
                "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                  "Principal": {"Service": "codebuild.amazonaws.com"}}], "Version": "2012-10-17"}},
                "Metadata": {"aws:cdk:path": "App/Build/Role/Resource"}},
              "BuildPolicyDocument5E6F7A8B": {"Type": "AWS::IAM::Policy",
                "Properties": {
                  "PolicyDocument": {"Statement": [{"Action": ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                    "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSubnets", "ec2:DescribeVpcs"], "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"},
                  "PolicyName": "BuildPolicyDocument5E6F7A8B", "Roles": [{"Ref": "BuildRole1A2B3C4D"}]},
                "Metadata": {"aws:cdk:path": "App/Build/PolicyDocument/Resource"}},
              "PartnerAuditRoleC0FFEE11": {"Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"sts:ExternalId": "partner-7f3a"}}, "Effect": "Allow",
                    "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::111122223333:root"]]}}}],
                    "Version": "2012-10-17"},
                  "Policies": [{"PolicyName": "ReadReports", "PolicyDocument": {"Statement": [
                    {"Action": ["s3:GetObject*", "s3:GetBucket*", "s3:List*"], "Effect": "Allow",
                     "Resource": [{"Fn::GetAtt": ["TableCD117FA1", "Arn"]}]}], "Version": "2012-10-17"}}]},
                "Metadata": {"aws:cdk:path": "App/PartnerAudit/Resource"}},
              "PartnerOpenRoleDEADBEEF": {"Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                    "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::111122223333:root"]]}}}],
                    "Version": "2012-10-17"}},
                "Metadata": {"aws:cdk:path": "App/PartnerOpen/Resource"}},
              "DataPolicy3F2E1D0C": {"Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                  "PolicyDocument": {"Statement": [
                    {"Action": "s3:*", "Effect": "Allow", "Resource": [{"Fn::GetAtt": ["TableCD117FA1", "Arn"]}]},
                    {"Action": "kms:*", "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"},
                  "Description": "", "Path": "/", "Roles": [{"Ref": "HandlerServiceRoleFCDC14AE"}]},
                "Metadata": {"aws:cdk:path": "App/DataPolicy/Resource"}},
              "DeployUser8A1B2C3D": {"Type": "AWS::IAM::User",
                "Metadata": {"aws:cdk:path": "App/DeployUser/Resource"}},
              "DeployUserKeyF00BA512": {"Type": "AWS::IAM::AccessKey",
                "Properties": {"UserName": {"Ref": "DeployUser8A1B2C3D"}},
                "Metadata": {"aws:cdk:path": "App/DeployUser/Key/Resource"}},
              "ConsoleUserSecret1122AABB": {"Type": "AWS::SecretsManager::Secret",
                "Properties": {"GenerateSecretString": {}},
                "Metadata": {"aws:cdk:path": "App/ConsoleUserSecret/Resource"}},
              "ConsoleUser5D6E7F80": {"Type": "AWS::IAM::User",
                "Properties": {"LoginProfile": {"Password": {"Fn::Join": ["", ["{{resolve:secretsmanager:",
                  {"Ref": "ConsoleUserSecret1122AABB"}, ":SecretString:::}}"]]}}},
                "Metadata": {"aws:cdk:path": "App/ConsoleUser/Resource"}}
            }}""";

    /** Hand-written YAML with short-form tags. */
    static final String YAML = """
            Parameters:
              PolicyArn:
                Type: String
              AdminPassword:
                Type: String
                NoEcho: true
              DefaultedPassword:
                Type: String
                Default: Summer2024!
              TrustedAccount:
                Type: String
            Resources:
              AppRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          Service: ec2.amazonaws.com
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: app
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Sid: ReadConfig
                            Effect: Allow
                            Action: [ssm:GetParameter, ssm:GetParametersByPath]
                            Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*
                          - Sid: Metrics
                            Effect: Allow
                            Action: cloudwatch:PutMetricData
                            Resource: "*"
              BreakGlassRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
                        Action: sts:AssumeRole
                  ManagedPolicyArns:
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
              GodPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: "*"
                        Resource: "*"
              PowerUserPolicy:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: power
                  Roles: [!Ref AppRole]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        NotAction: iam:*
                        Resource: "*"
              ParamPolicyRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: !Ref TrustedAccount
                        Action: sts:AssumeRole
                  ManagedPolicyArns:
                    - !Ref PolicyArn
              PublicRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: sts:AssumeRole
              OrgRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: "*"
                        Action: sts:AssumeRole
                        Condition:
                          StringEquals:
                            aws:PrincipalOrgID: o-a1b2c3d4e5
              ParamUser:
                Type: AWS::IAM::User
                Properties:
                  LoginProfile:
                    Password: !Ref AdminPassword
              LiteralUser:
                Type: AWS::IAM::User
                Properties:
                  LoginProfile:
                    Password: "Hunter2-Hunter2"
                    PasswordResetRequired: true
              DefaultedUser:
                Type: AWS::IAM::User
                Properties:
                  LoginProfile:
                    Password: !Ref DefaultedPassword
              SsmSecureUser:
                Type: AWS::IAM::User
                Properties:
                  LoginProfile:
                    Password: "{{resolve:ssm-secure:/users/console:1}}"
              PlainUser:
                Type: AWS::IAM::User
                Properties:
                  Groups: [!Ref Admins]
              Admins:
                Type: AWS::IAM::Group
                Properties:
                  ManagedPolicyArns:
                    - arn:aws-us-gov:iam::aws:policy/AdministratorAccess
              CiKey:
                Type: AWS::IAM::AccessKey
                Properties:
                  UserName: !Ref PlainUser
                  Status: Inactive
            """;
}
