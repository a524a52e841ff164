package dev.cxscan.scanner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Seeds the example customer accounts of localstack/seed/ into an emulator: the scenario's
 * CloudFormation templates through CreateStack (waiting for CREATE_COMPLETE), then SDK calls for
 * what the templates cannot set there. On moto_server, {@link MotoDeployShims} first makes each stack deploy what AWS
 * CloudFormation would deploy from its template. Everything happens in us-east-1 with fake credentials; the
 * seeder writes, so it builds its own clients and is only ever pointed at an emulator.
 */
public final class Seeder implements AccountSeeder {
    public static final Set<String> SCENARIOS = Set.of("compliant", "noncompliant");
    public static final Region REGION = Region.US_EAST_1;
    static final String ACCOUNT = "123456789012";
    private static final List<String> TEMPLATES = List.of("network", "workload");

    @Override
    public void seed(String endpoint, String scenario) {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "', expected one of " + SCENARIOS);
        }
        EmulatorClients c = new EmulatorClients(URI.create(endpoint));
        // on moto, the stacks are made to deploy what AWS CloudFormation deploys from the same templates
        boolean moto = MotoDeployShims.isMoto(URI.create(endpoint));
        try {
            for (String t : TEMPLATES) {
                String stack = scenario + "-" + t;
                Map<String, String> tags = Map.of("cxscan:seed", stack);
                String body = template(scenario, t);
                if (moto) {
                    body = MotoDeployShims.template(body, stack, tags);
                }
                deploy(c.get(CloudFormationClient.class), stack, body, tags);
                if (moto) {
                    MotoDeployShims.afterCreate(c, stack, body);
                }
            }
            if (scenario.equals("compliant")) {
                compliant(c);
            } else {
                noncompliant(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            c.close();
        }
    }

    static String template(String scenario, String name) {
        String path = "/dev/cxscan/scanner/demo/seed/" + scenario + "/" + name + ".template.json";
        try (InputStream in = Seeder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("seed template missing from the classpath: " + path);
            }
            return keyPoliciesAsText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The template with every AWS::KMS::Key KeyPolicy written as a JSON string, which CloudFormation accepts for a Json
     * property as well as an object. moto 5.2 keeps a KeyPolicy object as it is and then answers every DescribeKey of
     * that key with HTTP 500 (its policy check calls json.loads on a dict), so kms_key_rotation_enabled could only
     * be ERROR on the seeded accounts.
     */
    static String keyPoliciesAsText(String template) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(template);
        boolean changed = false;
        for (JsonNode resource : root.path("Resources")) {
            JsonNode policy = resource.path("Properties").path("KeyPolicy");
            if ("AWS::KMS::Key".equals(resource.path("Type").asText()) && policy.isObject()) {
                ((ObjectNode) resource.get("Properties")).put("KeyPolicy", json.writeValueAsString(policy));
                changed = true;
            }
        }
        return changed ? json.writeValueAsString(root) : template;
    }

    static void deploy(CloudFormationClient cfn, String stack, String body, Map<String, String> tags) {
        cfn.createStack(b -> b.stackName(stack).templateBody(body).tags(tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.cloudformation.model.Tag.builder().key(e.getKey())
                        .value(e.getValue()).build()).toList()));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            var s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (s.stackStatus() == StackStatus.CREATE_COMPLETE) {
                return;
            }
            if (s.stackStatusAsString().endsWith("FAILED") || s.stackStatusAsString().contains("ROLLBACK")) {
                throw new IllegalStateException("stack " + stack + " " + s.stackStatusAsString() + ": " + s.stackStatusReason());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stack " + stack + " still " + s.stackStatusAsString());
            }
            sleep(200);
        }
    }

    private static void compliant(EmulatorClients c) {
        S3Client s3 = c.get(S3Client.class);
        for (String bucket : List.of("compliant-docs", "compliant-trail-logs", "compliant-flow-logs")) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
            s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                    .blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)));
        }
        s3.putBucketPolicy(b -> b.bucket("compliant-docs").policy(Policies.secureTransport("compliant-docs")));
        s3.putBucketPolicy(b -> b.bucket("compliant-flow-logs").policy(Policies.secureTransport("compliant-flow-logs")));
        s3.putBucketPolicy(b -> b.bucket("compliant-trail-logs").policy(Policies.trailBucket("compliant-trail-logs", ACCOUNT)));
        String key = c.get(software.amazon.awssdk.services.kms.KmsClient.class).createKey(b -> b.description("trail key"))
                .keyMetadata().arn();
        c.get(software.amazon.awssdk.services.kms.KmsClient.class).enableKeyRotation(b -> b.keyId(key));
        // the trail also delivers to an encrypted, retained log group (what the security alarms read)
        software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs =
                c.get(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.class);
        logs.createLogGroup(b -> b.logGroupName("/compliant/cloudtrail").kmsKeyId(key));
        logs.putRetentionPolicy(b -> b.logGroupName("/compliant/cloudtrail").retentionInDays(365));
        String trailLogs = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/compliant/cloudtrail:*";
        // TrailToLogsRole of the workload template; its delivery policy is put here: moto's
        // GetAccountAuthorizationDetails fails (HTTP 500) on a role whose inline policy came from CloudFormation
        String trailRole = "arn:aws:iam::" + ACCOUNT + ":role/compliant-trail-to-logs";
        c.get(IamClient.class).putRolePolicy(b -> b.roleName("compliant-trail-to-logs").policyName("deliver")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"" + trailLogs + "\"}]}"));
        CloudTrailClient ct = c.get(CloudTrailClient.class);
        ct.createTrail(b -> b.name("compliant-trail").s3BucketName("compliant-trail-logs").isMultiRegionTrail(true)
                .enableLogFileValidation(true).includeGlobalServiceEvents(true).kmsKeyId(key)
                .cloudWatchLogsLogGroupArn(trailLogs).cloudWatchLogsRoleArn(trailRole));
        closeNetworkDefaults(c.get(Ec2Client.class));
        ct.startLogging(b -> b.name("compliant-trail"));
        ct.putEventSelectors(b -> b.trailName("compliant-trail").eventSelectors(e -> e.readWriteType("All").includeManagementEvents(true)));
        c.get(GuardDutyClient.class).createDetector(b -> b.enable(true));
        c.get(Ec2Client.class).enableEbsEncryptionByDefault(b -> { });
        backupPlan(c);
        AccountClient account = c.get(AccountClient.class);
        account.putAlternateContact(b -> b.alternateContactType("SECURITY").name("Security team").title("SecOps")
                .emailAddress("security@example.com").phoneNumber("+1-555-0100"));
        account.putAlternateContact(b -> b.alternateContactType("OPERATIONS").name("Operations").title("Ops")
                .emailAddress("ops@example.com").phoneNumber("+1-555-0101"));
        account.putAlternateContact(b -> b.alternateContactType("BILLING").name("Finance").title("Billing")
                .emailAddress("billing@example.com").phoneNumber("+1-555-0102"));
        IamClient iam = c.get(IamClient.class);
        iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(14).passwordReusePrevention(24).requireSymbols(true)
                .requireNumbers(true).requireUppercaseCharacters(true).requireLowercaseCharacters(true));
        iam.createSAMLProvider(b -> b.name("corporate-idp").samlMetadataDocument(Policies.SAML_METADATA));
        // one console user, with its MFA device: the per-user IAM checks have a passing row to show
        iam.createUser(b -> b.userName("compliant-operator"));
        iam.createLoginProfile(b -> b.userName("compliant-operator").password("Correct-Horse-Battery-Staple-7"));
        String mfa = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("compliant-operator")).virtualMFADevice().serialNumber();
        iam.enableMFADevice(b -> b.userName("compliant-operator").serialNumber(mfa).authenticationCode1("123456")
                .authenticationCode2("654321"));
        c.get(CloudWatchClient.class).putMetricAlarm(b -> b.alarmName("compliant-queue-depth").namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible").statistic("Maximum").period(300).evaluationPeriods(1)
                .threshold(100.0).comparisonOperator("GreaterThanThreshold")
                .dimensions(d -> d.name("QueueName").value("compliant-jobs"))
                .alarmActions("arn:aws:sns:us-east-1:" + ACCOUNT + ":compliant-alerts"));
        c.get(BudgetsClient.class).createBudget(b -> b.accountId(ACCOUNT).budget(x -> x.budgetName("compliant-monthly")
                .budgetType(BudgetType.COST).timeUnit(TimeUnit.MONTHLY).budgetLimit(l -> l.amount(new java.math.BigDecimal("1000")).unit("USD"))));
    }

    /**
     * What every account starts with and a compliant one closes: the default VPC (moto creates one, as AWS does)
     * is deleted (the workload has its own, with flow logs), every remaining default security group loses its
     * rules, and every default network ACL's allow-all inbound entry becomes HTTPS plus the ephemeral return
     * ports without RDP (3389).
     */
    private static void closeNetworkDefaults(Ec2Client ec2) {
        ec2.describeVpcs(b -> b.filters(f -> f.name("isDefault").values("true"))).vpcs().forEach(vpc -> {
            var inVpc = software.amazon.awssdk.services.ec2.model.Filter.builder().name("vpc-id").values(vpc.vpcId()).build();
            ec2.describeSubnets(b -> b.filters(inVpc)).subnets().forEach(sn -> ec2.deleteSubnet(b -> b.subnetId(sn.subnetId())));
            ec2.describeInternetGateways(b -> b.filters(f -> f.name("attachment.vpc-id").values(vpc.vpcId())))
                    .internetGateways().forEach(igw -> {
                        ec2.detachInternetGateway(b -> b.internetGatewayId(igw.internetGatewayId()).vpcId(vpc.vpcId()));
                        ec2.deleteInternetGateway(b -> b.internetGatewayId(igw.internetGatewayId()));
                    });
            ec2.deleteVpc(b -> b.vpcId(vpc.vpcId()));
        });
        ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("default"))).securityGroups().forEach(g -> {
            if (!g.ipPermissions().isEmpty()) {
                ec2.revokeSecurityGroupIngress(b -> b.groupId(g.groupId()).ipPermissions(g.ipPermissions()));
            }
            if (!g.ipPermissionsEgress().isEmpty()) {
                ec2.revokeSecurityGroupEgress(b -> b.groupId(g.groupId()).ipPermissions(g.ipPermissionsEgress()));
            }
        });
        ec2.describeNetworkAcls(b -> b.filters(f -> f.name("default").values("true"))).networkAcls().forEach(acl -> {
            ec2.replaceNetworkAclEntry(b -> b.networkAclId(acl.networkAclId()).ruleNumber(100).egress(false)
                    .protocol("6").portRange(r -> r.from(443).to(443)).cidrBlock("0.0.0.0/0").ruleAction("allow"));
            ec2.createNetworkAclEntry(b -> b.networkAclId(acl.networkAclId()).ruleNumber(110).egress(false)
                    .protocol("6").portRange(r -> r.from(1024).to(3388)).cidrBlock("0.0.0.0/0").ruleAction("allow"));
            ec2.createNetworkAclEntry(b -> b.networkAclId(acl.networkAclId()).ruleNumber(120).egress(false)
                    .protocol("6").portRange(r -> r.from(3390).to(65535)).cidrBlock("0.0.0.0/0").ruleAction("allow"));
        });
    }

    /**
     * The workload template's AWS Backup plan and selection, by SDK calls when the emulator's CloudFormation did not
     * deploy them (moto skips both types): the plan backs up the orders table and every EBS volume. moto serves
     * plans but not selections (HTTP 500): the selection is then missing and a scan of that account reports the
     * backup checks ERROR, never PASS (SeedScenariosMotoTest puts a stub of the selection API in front of moto).
     */
    static void backupPlan(EmulatorClients c) {
        BackupClient backup = c.get(BackupClient.class);
        boolean deployed = backup.listBackupPlansPaginator(b -> { }).backupPlansList().stream()
                .anyMatch(p -> "compliant-daily".equals(p.backupPlanName()));
        if (deployed) {
            return;
        }
        String plan = backup.createBackupPlan(b -> b.backupPlan(p -> p.backupPlanName("compliant-daily").rules(r -> r
                .ruleName("daily").targetBackupVaultName("Default").scheduleExpression("cron(0 5 * * ? *)")
                .lifecycle(l -> l.deleteAfterDays(35L))))).backupPlanId();
        try {
            backup.createBackupSelection(b -> b.backupPlanId(plan).backupSelection(s -> s.selectionName("compliant-data")
                    .iamRoleArn("arn:aws:iam::" + ACCOUNT + ":role/service-role/AWSBackupDefaultServiceRole")
                    .resources("arn:aws:dynamodb:" + REGION.id() + ":" + ACCOUNT + ":table/compliant-orders",
                            "arn:aws:ec2:" + REGION.id() + ":" + ACCOUNT + ":volume/*")));
        } catch (SdkException e) {
            System.err.println("cxscan seed: the emulator does not serve AWS Backup selections ("
                    + e.getClass().getSimpleName() + "): plan compliant-daily has none");
        }
    }

    private static void noncompliant(EmulatorClients c) {
        CloudTrailClient ct = c.get(CloudTrailClient.class);
        ct.createTrail(b -> b.name("noncompliant-trail").s3BucketName("noncompliant-trail-logs"));
        // never started: the trail exists but does not log
        AccountClient account = c.get(AccountClient.class);
        account.putAlternateContact(b -> b.alternateContactType("BILLING").name("Owner").title("Owner")
                .emailAddress("owner.personal@gmail.com").phoneNumber("+1-555-0199"));
        IamClient iam = c.get(IamClient.class);
        iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(8));
        iam.createUser(b -> b.userName("legacy-admin"));
        iam.attachUserPolicy(b -> b.userName("legacy-admin").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        iam.createLoginProfile(b -> b.userName("legacy-admin").password("Summer2020!Summer2020!"));
        iam.createAccessKey(b -> b.userName("legacy-admin"));
        iam.createUser(b -> b.userName("ci-deployer").tags(software.amazon.awssdk.services.iam.model.Tag.builder()
                .key("owner").value("platform-team").build()));
        iam.putUserPolicy(b -> b.userName("ci-deployer").policyName("deploy-everything").policyDocument(Policies.ADMIN));
        iam.createAccessKey(b -> b.userName("ci-deployer"));
        // made by hand (the EC2 console's launch wizard, in the default VPC), outside any stack: with the IAM users, what
        // keeps iac_managed_resources below 80% once CloudFormation has tagged the stacks' resources as on AWS
        Ec2Client ec2 = c.get(Ec2Client.class);
        String wizard = ec2.createSecurityGroup(b -> b.groupName("launch-wizard-1")
                .description("launch-wizard-1 created by hand")).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(wizard).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
                .toPort(22).ipRanges(r -> r.cidrIp("0.0.0.0/0"))));
        c.get(CloudWatchClient.class).putMetricAlarm(b -> b.alarmName("noncompliant-db-cpu").namespace("AWS/RDS")
                .metricName("CPUUtilization").statistic("Average").period(300).evaluationPeriods(1).threshold(90.0)
                .comparisonOperator("GreaterThanThreshold").dimensions(d -> d.name("DBInstanceIdentifier").value("noncompliant-db")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
