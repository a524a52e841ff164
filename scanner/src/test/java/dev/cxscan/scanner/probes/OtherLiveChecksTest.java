package dev.cxscan.scanner.probes;

import static dev.cxscan.scanner.probes.Facts.failed;
import static dev.cxscan.scanner.probes.Facts.one;
import static dev.cxscan.scanner.probes.Facts.run;
import static dev.cxscan.scanner.probes.Facts.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.account.AccountAlternateContacts;
import dev.cxscan.scanner.probes.account.AccountProbe;
import dev.cxscan.scanner.probes.budgets.BudgetsPresent;
import dev.cxscan.scanner.probes.budgets.BudgetsProbe;
import dev.cxscan.scanner.probes.cloudformation.CfnStacksInSync;
import dev.cxscan.scanner.probes.cloudformation.CloudFormationProbe;
import dev.cxscan.scanner.probes.cloudformation.IacManagedResources;
import dev.cxscan.scanner.probes.cloudtrail.CloudTrailProbe;
import dev.cxscan.scanner.probes.cloudtrail.CloudtrailManagementEvents;
import dev.cxscan.scanner.probes.cloudtrail.CloudtrailMultiRegionLoggingAccount;
import dev.cxscan.scanner.probes.cloudtrail.NoConsoleChanges;
import dev.cxscan.scanner.probes.codepipeline.CodePipelineProbe;
import dev.cxscan.scanner.probes.codepipeline.PipelineTestStage;
import dev.cxscan.scanner.probes.costexplorer.CostExplorerProbe;
import dev.cxscan.scanner.probes.ec2.EbsDefaultEncryption;
import dev.cxscan.scanner.probes.ec2.Ec2Probe;
import dev.cxscan.scanner.probes.guardduty.GuardDutyProbe;
import dev.cxscan.scanner.probes.guardduty.NetworkThreatDetection;
import dev.cxscan.scanner.probes.ssm.SsmProbe;
import dev.cxscan.scanner.probes.ssm.SsmRunbooksPresent;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherLiveChecksTest {

    @Test
    void alternateContactsNameFreeMail() {
        Finding ok = one(new AccountAlternateContacts(), with(AccountProbe.FACT, "{\"SECURITY\":{\"EmailAddress\":\"sec@acme.example\"},"
                + "\"OPERATIONS\":{\"EmailAddress\":\"ops@gmail.com\"},\"BILLING\":{\"EmailAddress\":\"billing@acme.example\"}}"));
        assertEquals(Status.PASS, ok.status());
        assertTrue(ok.message().contains("OPERATIONS uses the free-mail domain gmail.com"), ok.message());
        Finding missing = one(new AccountAlternateContacts(), with(AccountProbe.FACT,
                "{\"SECURITY\":null,\"OPERATIONS\":{\"EmailAddress\":\"ops@acme.example\"},\"BILLING\":null}"));
        assertEquals(Status.FAIL, missing.status());
        assertTrue(missing.message().contains("SECURITY, BILLING"), missing.message());
        assertEquals(Status.ERROR, one(new AccountAlternateContacts(),
                failed("account:GetAlternateContact", "AccessDeniedException", null, "account_alternate_contacts")).status());
        assertEquals(Status.ERROR, one(new AccountAlternateContacts(), new LiveInventory()).status());
    }

    static LiveInventory trail(String props) {
        LiveInventory inv = with(CloudTrailProbe.DESCRIBE_FACT + "@us-east-1", "{\"TrailARNs\":[]}");
        inv.add("us-east-1", Facts.live("AWS::CloudTrail::Trail", "main", "us-east-1", props));
        return inv;
    }

    @Test
    void accountLevelTrail() {
        assertEquals(Status.PASS, one(new CloudtrailMultiRegionLoggingAccount(),
                trail("{\"IsMultiRegionTrail\":true,\"IsLogging\":true,\"IsOrganizationTrail\":true}")).status());
        assertEquals(Status.FAIL, one(new CloudtrailMultiRegionLoggingAccount(),
                trail("{\"IsMultiRegionTrail\":true,\"IsLogging\":false}")).status());
        assertEquals(Status.FAIL, one(new CloudtrailMultiRegionLoggingAccount(),
                with(CloudTrailProbe.DESCRIBE_FACT + "@us-east-1", "{\"TrailARNs\":[]}")).status());
        assertEquals(Status.ERROR, one(new CloudtrailMultiRegionLoggingAccount(),
                failed("cloudtrail:DescribeTrails", "AccessDeniedException", "us-east-1", "cloudtrail_multi_region_logging")).status());
        assertEquals(Status.ERROR, one(new CloudtrailMultiRegionLoggingAccount(), new LiveInventory()).status());
    }

    @Test
    void managementEvents() {
        String base = "\"IsMultiRegionTrail\":true,\"IsLogging\":true,";
        assertEquals(Status.PASS, one(new CloudtrailManagementEvents(),
                trail("{" + base + "\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]}")).status());
        Finding writeOnly = one(new CloudtrailManagementEvents(),
                trail("{" + base + "\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}]}"));
        assertEquals(Status.FAIL, writeOnly.status());
        assertTrue(writeOnly.message().contains("WriteOnly"), writeOnly.message());
        assertEquals(Status.PASS, one(new CloudtrailManagementEvents(), trail("{" + base + "\"AdvancedEventSelectors\":[{\"Name\":\"m\","
                + "\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}]}")).status());
        assertEquals(Status.FAIL, one(new CloudtrailManagementEvents(), trail("{" + base + "\"AdvancedEventSelectors\":[{\"Name\":\"m\","
                + "\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}]}]}"))
                .status());
        LiveInventory unread = trail("{" + base.substring(0, base.length() - 1) + "}");
        unread.error(new dev.cxscan.scanner.live.ProbeError("cloudtrail", "cloudtrail:GetEventSelectors", "AccessDenied", "no", "us-east-1",
                List.of("cloudtrail_management_events")));
        assertEquals(Status.ERROR, one(new CloudtrailManagementEvents(), unread).status());
    }

    @Test
    void consoleChanges() {
        Finding fail = one(new NoConsoleChanges(), with(CloudTrailProbe.LOOKUP_FACT + "@us-east-1", "{\"EventsRead\":40,\"ConsoleWrites\":3,"
                + "\"Top\":[{\"User\":\"alice\",\"EventName\":\"AuthorizeSecurityGroupIngress\",\"Count\":2},"
                + "{\"User\":\"bob\",\"EventName\":\"PutBucketPolicy\",\"Count\":1}]}"));
        assertEquals(Status.FAIL, fail.status());
        assertTrue(fail.message().contains("alice AuthorizeSecurityGroupIngress x2"), fail.message());
        assertEquals(Status.PASS, one(new NoConsoleChanges(),
                with(CloudTrailProbe.LOOKUP_FACT + "@us-east-1", "{\"EventsRead\":40,\"ConsoleWrites\":0,\"Top\":[]}")).status());
        LiveInventory partial = with(CloudTrailProbe.LOOKUP_FACT + "@us-east-1", "{\"EventsRead\":4,\"ConsoleWrites\":0,\"Top\":[]}");
        partial.error(new dev.cxscan.scanner.live.ProbeError("cloudtrail", "cloudtrail:LookupEvents", "ThrottlingException", "slow",
                "eu-west-1", List.of("no_console_changes")));
        Finding err = one(new NoConsoleChanges(), partial);
        assertEquals(Status.ERROR, err.status(), "a region not read could hide console writes");
        assertEquals("eu-west-1", err.resource().region());
    }

    @Test
    void ebsDefaultPerRegion() {
        LiveInventory inv = with(Ec2Probe.EBS_DEFAULT + "@us-east-1", "{\"EbsEncryptionByDefault\":true}");
        inv.fact(Ec2Probe.EBS_DEFAULT + "@eu-west-1", Facts.json("{\"EbsEncryptionByDefault\":false}"));
        inv.error(new dev.cxscan.scanner.live.ProbeError("ec2", "ec2:GetEbsEncryptionByDefault", "UnauthorizedOperation", "no",
                "ap-south-1", List.of("ebs_default_encryption")));
        List<Finding> f = run(new EbsDefaultEncryption(), inv);
        assertEquals(3, f.size(), f.toString());
        assertEquals(Status.FAIL, f.stream().filter(x -> x.resource().region().equals("eu-west-1")).findFirst().orElseThrow().status());
        assertEquals(Status.PASS, f.stream().filter(x -> x.resource().region().equals("us-east-1")).findFirst().orElseThrow().status());
        Finding err = f.stream().filter(x -> x.resource().region().equals("ap-south-1")).findFirst().orElseThrow();
        assertEquals(Status.ERROR, err.status());
        assertTrue(err.message().contains("UnauthorizedOperation"), err.message());
        assertEquals(Status.ERROR, one(new EbsDefaultEncryption(), new LiveInventory()).status());
    }

    @Test
    void guardDutyPerRegion() {
        assertEquals(Status.PASS, one(new NetworkThreatDetection(),
                with(GuardDutyProbe.FACT + "@us-east-1", "[{\"DetectorId\":\"d1\",\"Status\":\"ENABLED\"}]")).status());
        assertEquals(Status.FAIL, one(new NetworkThreatDetection(),
                with(GuardDutyProbe.FACT + "@us-east-1", "[{\"DetectorId\":\"d1\",\"Status\":\"DISABLED\"}]")).status());
        assertEquals(Status.FAIL, one(new NetworkThreatDetection(), with(GuardDutyProbe.FACT + "@us-east-1", "[]")).status());
        assertEquals(Status.ERROR, one(new NetworkThreatDetection(),
                failed("guardduty:ListDetectors", "SubscriptionRequiredException", "us-east-1", "network_threat_detection")).status());
    }

    @Test
    void stacksInSync() {
        Finding drifted = one(new CfnStacksInSync(), with(CloudFormationProbe.FACT + "@us-east-1",
                "[{\"StackName\":\"app\",\"DriftStatus\":\"DRIFTED\"},{\"StackName\":\"net\",\"DriftStatus\":\"IN_SYNC\"}]"));
        assertEquals(Status.FAIL, drifted.status());
        assertTrue(drifted.message().contains("app (us-east-1)"), drifted.message());
        Finding ok = one(new CfnStacksInSync(), with(CloudFormationProbe.FACT + "@us-east-1",
                "[{\"StackName\":\"app\",\"DriftStatus\":\"NOT_CHECKED\"},{\"StackName\":\"net\",\"DriftStatus\":\"IN_SYNC\"}]"));
        assertEquals(Status.PASS, ok.status());
        assertTrue(ok.message().contains("1 never checked"), ok.message());
        assertEquals(Status.NOT_APPLICABLE, one(new CfnStacksInSync(), with(CloudFormationProbe.FACT + "@us-east-1", "[]")).status());
        assertEquals(Status.ERROR, one(new CfnStacksInSync(),
                failed("cloudformation:DescribeStacks", "AccessDenied", "us-east-1", "cfn_stacks_in_sync")).status());
    }

    @Test
    void iacShare() {
        String tagged = "{\"Tags\":[{\"Key\":\"aws:cloudformation:stack-name\",\"Value\":\"app\"}]}";
        LiveInventory inv = new LiveInventory();
        for (int i = 0; i < 4; i++) {
            inv.add("us-east-1", Facts.live("AWS::EC2::Volume", "vol-" + i, "us-east-1", tagged));
        }
        inv.add("us-east-1", Facts.live("AWS::EC2::Volume", "vol-x", "us-east-1", "{\"Tags\":[]}"));
        inv.add("us-east-1", Facts.live("AWS::EC2::VPC", "vpc-default", "us-east-1", "{\"IsDefault\":true,\"Tags\":[]}"));
        inv.add("us-east-1", Facts.live("AWS::KMS::Key", "k", "us-east-1", "{}"));
        Finding pass = one(new IacManagedResources(), inv);
        assertEquals(Status.PASS, pass.status(), pass.message());
        assertTrue(pass.message().contains("4 of 5 resources (80%)"), pass.message());
        inv.add("us-east-1", Facts.live("AWS::S3::Bucket", "b", "us-east-1", "{\"Tags\":[]}"));
        Finding fail = one(new IacManagedResources(), inv);
        assertEquals(Status.FAIL, fail.status());
        assertTrue(fail.message().contains("67%") && fail.message().contains("AWS::S3::Bucket x1"), fail.message());
        assertEquals(Status.NOT_APPLICABLE, one(new IacManagedResources(), new LiveInventory()).status());
        // a tag read that failed: the share over the rest could be wrong either way, so ERROR and no verdict
        inv.error(new dev.cxscan.scanner.live.ProbeError("s3", "s3:GetBucketTagging", "AccessDenied", "denied",
                "us-east-1", List.of("iac_managed_resources")));
        Finding error = one(new IacManagedResources(), inv);
        assertEquals(Status.ERROR, error.status(), error.message());
        assertTrue(error.message().contains("s3:GetBucketTagging failed with AccessDenied"), error.message());
    }

    @Test
    void hints() {
        Finding ssm = one(new SsmRunbooksPresent(), with(SsmProbe.FACT + "@us-east-1", "[\"Restart-App\"]"));
        assertEquals(Status.INFO, ssm.status());
        assertTrue(ssm.message().contains("Restart-App (us-east-1)"), ssm.message());
        assertEquals(Status.ERROR, one(new SsmRunbooksPresent(), new LiveInventory()).status());
        Finding pipe = one(new PipelineTestStage(), with(CodePipelineProbe.FACT + "@us-east-1",
                "[{\"Name\":\"app\",\"Stages\":[{\"Name\":\"Source\",\"Actions\":[]},{\"Name\":\"Verify\",\"Actions\":[{\"Name\":\"Unit\","
                        + "\"Category\":\"Test\"}]}]},{\"Name\":\"infra\",\"Stages\":[{\"Name\":\"Deploy\",\"Actions\":[]}]}]"));
        assertEquals(Status.INFO, pipe.status());
        assertTrue(pipe.message().contains("with a test step: app") && pipe.message().contains("without a test step: infra"), pipe.message());
        LiveInventory budgets = with(BudgetsProbe.FACT, "[\"monthly\"]");
        budgets.error(new dev.cxscan.scanner.live.ProbeError("ce", "ce:GetAnomalyMonitors", "AccessDeniedException", "no", null,
                List.of("budgets_present")));
        Finding b = one(new BudgetsPresent(), budgets);
        assertEquals(Status.INFO, b.status());
        assertTrue(b.message().contains("monthly") && b.message().contains("AccessDeniedException"), b.message());
        LiveInventory both = with(BudgetsProbe.FACT, "[]");
        both.fact(CostExplorerProbe.FACT, Facts.json("[\"svc\"]"));
        assertTrue(one(new BudgetsPresent(), both).message().contains("no AWS Budgets; 1 anomaly monitor(s): svc"));
        assertEquals(Status.ERROR, one(new BudgetsPresent(),
                failed("budgets:ViewBudget", "AccessDeniedException", null, "budgets_present")).status());
    }
}
