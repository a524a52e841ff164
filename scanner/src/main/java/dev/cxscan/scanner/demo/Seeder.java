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
 * what the templates cannot set there. Everything happens in us-east-1 with fake credentials; the
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
        try {
            for (String t : TEMPLATES) {
                deploy(c.get(CloudFormationClient.class), scenario + "-" + t, template(scenario, t));
            }
            if (scenario.equals("compliant")) {
                compliant(c);
            } else {
                noncompliant(c);
            }
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

    static void deploy(CloudFormationClient cfn, String stack, String body) {
        cfn.createStack(b -> b.stackName(stack).templateBody(body).tags(t -> t.key("cxscan:seed").value(stack)));
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
        CloudTrailClient ct = c.get(CloudTrailClient.class);
        ct.createTrail(b -> b.name("compliant-trail").s3BucketName("compliant-trail-logs").isMultiRegionTrail(true)
                .enableLogFileValidation(true).includeGlobalServiceEvents(true).kmsKeyId(key));
        ct.startLogging(b -> b.name("compliant-trail"));
        ct.putEventSelectors(b -> b.trailName("compliant-trail").eventSelectors(e -> e.readWriteType("All").includeManagementEvents(true)));
        // moto's CloudFormation ignores PointInTimeRecoverySpecification
        c.get(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class).updateContinuousBackups(b -> b.tableName("compliant-orders")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
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
        c.get(CloudWatchClient.class).putMetricAlarm(b -> b.alarmName("compliant-queue-depth").namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible").statistic("Maximum").period(300).evaluationPeriods(1)
                .threshold(100.0).comparisonOperator("GreaterThanThreshold")
                .dimensions(d -> d.name("QueueName").value("compliant-jobs"))
                .alarmActions("arn:aws:sns:us-east-1:" + ACCOUNT + ":compliant-alerts"));
        c.get(BudgetsClient.class).createBudget(b -> b.accountId(ACCOUNT).budget(x -> x.budgetName("compliant-monthly")
                .budgetType(BudgetType.COST).timeUnit(TimeUnit.MONTHLY).budgetLimit(l -> l.amount(new java.math.BigDecimal("1000")).unit("USD"))));
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
        iam.createUser(b -> b.userName("ci-deployer"));
        iam.putUserPolicy(b -> b.userName("ci-deployer").policyName("deploy-everything").policyDocument(Policies.ADMIN));
        iam.createAccessKey(b -> b.userName("ci-deployer"));
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
