package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The orchestrator without a network: scopes, rule evaluation, errors, live-check contracts, NOT_APPLICABLE. */
class AccountScanTest {
    private static final String ADMIN_PORTS = "ec2_sg_no_public_admin_ports";
    private static final List<Region> TWO = List.of(Region.US_EAST_1, Region.EU_WEST_1);

    private static AccountScan.Outcome scan(List<Probe> probes, List<LiveCheck> checks, List<Region> regions)
            throws InterruptedException {
        return new AccountScan(TestProbe.NO_CLIENTS, "123456789012", Region.US_EAST_1, probes, checks,
                RuleEngine.withAllRules(), 4, ScanProgress.NONE).run(regions);
    }

    /** A DB instance that passes the RDS rules (encrypted, Multi-AZ, backed up, protected). */
    private static ObjectNode encryptedDb() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("DBInstanceIdentifier", "half-read").put("Engine", "postgres").put("StorageEncrypted", true)
                .put("MultiAZ", true).put("BackupRetentionPeriod", 14).put("DeletionProtection", true);
        return p;
    }

    private static List<Finding> of(AccountScan.Outcome o, String check) {
        return o.findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    @Test
    void regionalProbesRunInEveryRegionAndGlobalOnesOnce() throws Exception {
        TestProbe regional = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> c.inventory()
                .add(c.region().id(), TestProbe.openSecurityGroup("sg-" + c.region().id(), c.region().id(), 22)));
        TestProbe global = new TestProbe("iam", Probe.Scope.GLOBAL, List.of(),
                c -> c.inventory().add(LiveInventory.GLOBAL, TestProbe.openRole("Open")));
        AccountScan.Outcome o = scan(List.of(regional, global), List.of(), TWO);

        assertEquals(java.util.Set.of("us-east-1", "eu-west-1"), regional.regions);
        assertEquals(java.util.Set.of("us-east-1"), global.regions, "global probes read once, in the home region");
        List<Finding> sg = of(o, ADMIN_PORTS);
        assertEquals(2, sg.size(), sg.toString());
        assertTrue(sg.stream().allMatch(f -> f.status() == Status.FAIL), sg.toString());
        assertEquals(java.util.Set.of("us-east-1", "eu-west-1"),
                sg.stream().map(f -> f.resource().region()).collect(java.util.stream.Collectors.toSet()));
        // the global role is evaluated once, not once per region
        List<Finding> trust = of(o, "iam_role_trust_restricted");
        assertEquals(1, trust.size(), trust.toString());
        assertEquals(Status.FAIL, trust.get(0).status());
        assertEquals(3, o.resources());
    }

    @Test
    void probeErrorReplacesTheFindingsOfItsChecksInThatRegionOnly() throws Exception {
        TestProbe ec2 = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> {
            c.inventory().add(c.region().id(), TestProbe.openSecurityGroup("sg-" + c.region().id(), c.region().id(), 22));
            if (c.region().equals(Region.US_EAST_1)) {
                c.inventory().error(new ProbeError("ec2", "ec2:DescribeSecurityGroups", "UnauthorizedOperation",
                        "You are not authorized to perform this operation.", "us-east-1", List.of(ADMIN_PORTS)));
            }
        });
        AccountScan.Outcome o = scan(List.of(ec2), List.of(), TWO);
        List<Finding> sg = of(o, ADMIN_PORTS);
        assertEquals(2, sg.size(), sg.toString());
        Finding east = sg.stream().filter(f -> "us-east-1".equals(f.resource().region())).findFirst().orElseThrow();
        assertEquals(Status.ERROR, east.status());
        assertTrue(east.message().contains("ec2:DescribeSecurityGroups") && east.message().contains("UnauthorizedOperation"),
                east.message());
        assertEquals(AccountScan.ACCOUNT_TYPE, east.resource().type());
        assertEquals(Severity.HIGH, east.severity(), "the catalog's severity for the check");
        Finding west = sg.stream().filter(f -> "eu-west-1".equals(f.resource().region())).findFirst().orElseThrow();
        assertEquals(Status.FAIL, west.status(), "the other region keeps its finding");
    }

    @Test
    void aProbeThatThrowsGivesErrorsForItsChecksAndNeverAPass() throws Exception {
        TestProbe broken = new TestProbe("rds", Probe.Scope.REGIONAL, List.of("rds_storage_encrypted", "rds_multi_az"),
                c -> {
                    c.inventory().add(c.region().id(), Resource.live("AWS::RDS::DBInstance", "half-read",
                            "arn:aws:rds:us-east-1:123456789012:db:half-read", c.region().id(), encryptedDb()));
                    throw new IllegalStateException("boom");
                }).reads("AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
        TestProbe anonymous = new TestProbe("mystery", Probe.Scope.GLOBAL, List.of(), c -> {
            throw new IllegalStateException("bang");
        }).reads();
        AccountScan.Outcome o = scan(List.of(broken, anonymous), List.of(), List.of(Region.US_EAST_1));
        // its declared checks, and every other rule on the types it reads (what it recorded before it threw is partial)
        for (String check : List.of("rds_storage_encrypted", "rds_multi_az", "rds_backup_retention")) {
            List<Finding> f = of(o, check);
            assertEquals(1, f.size(), f.toString());
            assertEquals(Status.ERROR, f.get(0).status());
            assertTrue(f.get(0).message().contains("rds:*") && f.get(0).message().contains("boom"), f.get(0).message());
        }
        List<Finding> unclaimed = of(o, AccountScan.PROBE_ERROR_CHECK);
        assertEquals(1, unclaimed.size(), "an error no check claims is still reported");
        assertTrue(unclaimed.get(0).message().contains("bang"));
    }

    @Test
    void checksWithNothingToJudgeGetOneAccountLevelNotApplicable() throws Exception {
        TestProbe empty = new TestProbe("everything", Probe.Scope.REGIONAL, List.of(), c -> {
        });
        AccountScan.Outcome o = scan(List.of(empty), List.of(), TWO);
        List<Finding> rds = of(o, "rds_storage_encrypted");
        assertEquals(1, rds.size(), rds.toString());
        assertEquals(Status.NOT_APPLICABLE, rds.get(0).status());
        assertEquals(AccountScan.ACCOUNT_TYPE, rds.get(0).resource().type());
        assertTrue(rds.get(0).message().contains("AWS::RDS::DBInstance") && rds.get(0).message().contains("eu-west-1"),
                rds.get(0).message());
        // template-only checks never run live
        assertTrue(of(o, "stateful_resources_retained").isEmpty());
        assertTrue(of(o, "iam_no_user_credentials_in_template").isEmpty());
        assertTrue(o.findings().stream().allMatch(f -> f.status() == Status.NOT_APPLICABLE));
    }

    @Test
    void liveChecksRunAndAnEmptyAnswerIsNotApplicable() throws Exception {
        Check mfa = Check.of("root_mfa_enabled", "root MFA", Severity.CRITICAL, "ACCT-001", "");
        Check keys = Check.of("root_no_access_keys", "no root keys", Severity.CRITICAL, "ACCT-001", "");
        List<LiveCheck> checks = List.of(
                liveCheck(mfa, (inv, acct) -> List.of(Finding.of(mfa, Status.FAIL,
                        dev.cxscan.reports.ResourceRef.live(AccountScan.ACCOUNT_TYPE, acct, null, null), "no MFA"))),
                liveCheck(keys, (inv, acct) -> List.of()));
        AccountScan.Outcome o = scan(List.of(), checks, List.of(Region.US_EAST_1));
        assertEquals(Status.FAIL, of(o, "root_mfa_enabled").get(0).status());
        assertEquals(Status.NOT_APPLICABLE, of(o, "root_no_access_keys").get(0).status());
    }

    @Test
    void unreachableRegionsAreSkippedAndReportedOnce() throws Exception {
        TestProbe ec2 = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> {
        });
        List<String> warnings = new ArrayList<>();
        AccountScan.Outcome o = new AccountScan(TestProbe.NO_CLIENTS, "123456789012", Region.US_EAST_1, List.of(ec2),
                List.of(), RuleEngine.withAllRules(), 2, new ScanProgress() {
                    @Override
                    public void warn(String message) {
                        warnings.add(message);
                    }
                })
                .reachability(r -> r.equals(Region.EU_WEST_1) ? Optional.of("cannot be reached") : Optional.empty())
                .run(TWO);
        assertEquals(List.of("us-east-1"), o.regions());
        assertEquals(java.util.Set.of("us-east-1"), ec2.regions);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("eu-west-1"));
        assertEquals(java.util.Map.of("eu-west-1", "cannot be reached"), o.skipped());
    }

    @Test
    void withoutAProbeForItsTypesACheckIsNotEvaluatedNeverNotApplicable() throws Exception {
        TestProbe rds = new TestProbe("rds", Probe.Scope.REGIONAL, List.of(), c -> {
        }).reads("AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
        AccountScan.Outcome o = scan(List.of(rds), List.of(), List.of(Region.US_EAST_1));
        assertEquals(Status.NOT_APPLICABLE, of(o, "rds_storage_encrypted").get(0).status(), "its types were read: none there");
        for (String check : List.of("s3_bucket_versioning", "backup_plan_present", "backup_resource_covered")) {
            assertEquals(List.of(), of(o, check), check + " has no finding: nobody read its types");
            assertTrue(o.checks().stream().noneMatch(c -> c.id().equals(check)), check + " is not among the checks that ran");
            assertTrue(o.notEvaluated().get(check).startsWith("no probe reads "), o.notEvaluated().toString());
        }
        assertTrue(o.notEvaluated().get("s3_bucket_versioning").contains("AWS::S3::Bucket"));
        // a template-only check of the catalog is not dropped for lack of data: the catalog says why it is absent
        assertEquals(null, o.notEvaluated().get("kinesis_stream_encrypted"));
        assertEquals(List.of(), of(o, "kinesis_stream_encrypted"));
    }

    @Test
    void aRuleJudgingSeveralTypesRunsOnTheOnesReadAndSaysWhichWereNot() throws Exception {
        TestProbe elbv2 = new TestProbe("elbv2", Probe.Scope.REGIONAL, List.of(), c -> {
        }).reads("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener");
        AccountScan.Outcome o = scan(List.of(elbv2), List.of(), List.of(Region.US_EAST_1));
        Finding na = of(o, "elb_multi_az").get(0);
        assertEquals(Status.NOT_APPLICABLE, na.status());
        assertTrue(na.message().startsWith("no AWS::ElasticLoadBalancingV2::LoadBalancer to judge"), na.message());
        assertTrue(na.message().endsWith("; AWS::ElasticLoadBalancing::LoadBalancer not read by this scan"), na.message());
        // it looks up alarms, which nobody read: not evaluated at all
        assertTrue(o.notEvaluated().get("cloudwatch_alarms_present").contains("AWS::CloudWatch::Alarm"));
    }

    @Test
    void aProbeErrorItsChecksDoNotNameStillKeepsTheirNotApplicableAway() throws Exception {
        // the volumes could not be listed and the error names only the encryption check: the backup checks, which
        // depend on volumes too, must not say "nothing to back up"
        TestProbe ec2 = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), c -> c.inventory().error(new ProbeError("ec2",
                "ec2:DescribeVolumes", "UnauthorizedOperation", "denied", c.region().id(), List.of("ebs_volume_encrypted"))))
                .reads("AWS::EC2::Volume");
        TestProbe others = new TestProbe("others", Probe.Scope.REGIONAL, List.of(), c -> {
        }).reads("AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DynamoDB::Table", "AWS::EFS::FileSystem",
                "AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection");
        AccountScan.Outcome o = scan(List.of(ec2, others), List.of(), List.of(Region.US_EAST_1));
        for (String check : List.of("backup_plan_present", "backup_resource_covered", "ebs_volume_encrypted")) {
            List<Finding> f = of(o, check);
            assertEquals(1, f.size(), f.toString());
            assertEquals(Status.ERROR, f.get(0).status(), check + ": " + f.get(0).message());
            assertTrue(f.get(0).message().contains("ec2:DescribeVolumes"), f.get(0).message());
        }
        assertEquals(Status.NOT_APPLICABLE, of(o, "efs_encrypted").get(0).status(), "its own data was read");
    }

    @Test
    void aSkippedRegionIsNeverDescribedAsJudged() throws Exception {
        TestProbe empty = new TestProbe("everything", Probe.Scope.REGIONAL, List.of(), c -> {
        });
        AccountScan.Outcome o = new AccountScan(TestProbe.NO_CLIENTS, "123456789012", Region.US_EAST_1, List.of(empty),
                List.of(), RuleEngine.withAllRules(), 2, ScanProgress.NONE)
                .reachability(r -> r.equals(Region.EU_WEST_1) ? Optional.of("cannot be reached") : Optional.empty())
                .run(TWO);
        Finding na = of(o, "rds_storage_encrypted").get(0);
        assertEquals(Status.NOT_APPLICABLE, na.status());
        assertTrue(na.message().contains("in region(s) us-east-1 and the global services"), na.message());
        assertTrue(na.message().contains("eu-west-1 skipped, not judged"), na.message());
    }

    @Test
    void aProbeErrorNamingALiveCheckIsReportedByThatCheckOnly() throws Exception {
        Check mfa = Check.of("root_mfa_enabled", "root MFA", Severity.CRITICAL, "ACCT-001", "");
        TestProbe iam = new TestProbe("iam", Probe.Scope.GLOBAL, List.of(), c -> c.inventory().error(new ProbeError("iam",
                "iam:GetAccountSummary", "AccessDenied", "denied", null, List.of("root_mfa_enabled", "iam_no_admin_policy"))));
        LiveCheck live = liveCheck(mfa, (inv, acct) -> dev.cxscan.scanner.probes.LiveChecks.errorFindings(mfa, inv, acct));
        AccountScan.Outcome o = scan(List.of(iam), List.of(live), List.of(Region.US_EAST_1));
        List<Finding> f = of(o, "root_mfa_enabled");
        assertEquals(1, f.size(), "the live check's own ERROR, not a second one from the orchestrator: " + f);
        assertEquals(Status.ERROR, f.get(0).status());
        List<Finding> rule = of(o, "iam_no_admin_policy");
        assertEquals(1, rule.size(), rule.toString());
        assertEquals(Status.ERROR, rule.get(0).status(), "a rule (B) check gets its ERROR from the orchestrator");
        assertTrue(rule.get(0).message().contains("iam:GetAccountSummary failed with AccessDenied"), rule.get(0).message());
    }

    @Test
    void rulesReplacedByALiveCheckGiveNoPerTrailFindings() throws Exception {
        Check multi = Check.of("cloudtrail_multi_region_logging", "one multi-region trail logs", Severity.HIGH, "ACCT-003", "");
        TestProbe ct = new TestProbe("cloudtrail", Probe.Scope.REGIONAL, List.of(),
                c -> c.inventory().add(c.region().id(), trail("t-" + c.region().id(), c.region().id(), "logs-" + c.region().id())));
        LiveCheck live = liveCheck(multi, (inv, acct) -> List.of(Finding.of(multi, Status.FAIL,
                dev.cxscan.reports.ResourceRef.live(AccountScan.ACCOUNT_TYPE, acct, null, null), "no multi-region trail")));
        AccountScan.Outcome o = scan(List.of(ct), List.of(live), TWO);
        List<Finding> f = of(o, "cloudtrail_multi_region_logging");
        assertEquals(1, f.size(), f.toString());
        assertEquals("no multi-region trail", f.get(0).message());
        // without the live check the rule still judges each trail
        AccountScan.Outcome rulesOnly = scan(List.of(ct), List.of(), TWO);
        assertEquals(2, of(rulesOnly, "cloudtrail_multi_region_logging").size());
    }

    @Test
    void aTrailFollowsItsBucketToAnotherRegionAndAForeignBucketIsManual() throws Exception {
        TestProbe ct = new TestProbe("cloudtrail", Probe.Scope.REGIONAL, List.of(), c -> {
            if (c.region().equals(Region.US_EAST_1)) {
                c.inventory().add("us-east-1", trail("main", "us-east-1", "trail-logs"));
                c.inventory().add("us-east-1", trail("org", "us-east-1", "log-archive-bucket"));
            }
        });
        TestProbe s3 = new TestProbe("s3", Probe.Scope.GLOBAL, List.of(), c -> {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.putObject("VersioningConfiguration").put("Status", "Enabled");
            c.inventory().add("eu-west-1", Resource.live("AWS::S3::Bucket", "trail-logs", "arn:aws:s3:::trail-logs",
                    "eu-west-1", p));
        });
        AccountScan.Outcome o = scan(List.of(ct, s3), List.of(), TWO);
        Finding main = of(o, "cloudtrail_bucket_protected").stream().filter(f -> f.resource().id().equals("main"))
                .findFirst().orElseThrow();
        assertTrue(main.message().contains("trail bucket trail-logs"), "the bucket of another region is found: " + main.message());
        Finding org = of(o, "cloudtrail_bucket_protected").stream().filter(f -> f.resource().id().equals("org"))
                .findFirst().orElseThrow();
        assertEquals(Status.INFO, org.status(), org.message());
        assertTrue(org.message().startsWith("MANUAL:") && org.message().contains("log-archive-bucket"), org.message());
        // the bucket is judged once, in its own region
        assertEquals(1, of(o, "s3_bucket_versioning").size(), of(o, "s3_bucket_versioning").toString());
    }

    @Test
    void sameNamedResourcesOfTwoRegionsDoNotResolveToEachOther() throws Exception {
        // a DB cluster "prod" in both regions; only us-east-1's has two instances in different AZs
        TestProbe rds = new TestProbe("rds", Probe.Scope.REGIONAL, List.of(), c -> {
            String r = c.region().id();
            ObjectNode cl = JsonNodeFactory.instance.objectNode();
            cl.put("Engine", "aurora-postgresql");
            c.inventory().add(r, Resource.live("AWS::RDS::DBCluster", "prod", "arn:aws:rds:" + r + ":123456789012:cluster:prod", r, cl));
            int n = r.equals("us-east-1") ? 2 : 1;
            for (int i = 0; i < n; i++) {
                ObjectNode db = JsonNodeFactory.instance.objectNode();
                db.put("DBClusterIdentifier", "prod");
                db.put("Engine", "aurora-postgresql");
                db.put("AvailabilityZone", r + (i == 0 ? "a" : "b"));
                c.inventory().add(r, Resource.live("AWS::RDS::DBInstance", "prod-" + r + "-" + i,
                        "arn:aws:rds:" + r + ":123456789012:db:prod-" + r + "-" + i, r, db));
            }
        });
        AccountScan.Outcome o = scan(List.of(rds), List.of(), TWO);
        List<Finding> clusters = of(o, "rds_multi_az").stream().filter(f -> f.resource().type().equals("AWS::RDS::DBCluster")).toList();
        assertEquals(2, clusters.size(), clusters.toString());
        Finding west = clusters.stream().filter(f -> f.resource().region().equals("eu-west-1")).findFirst().orElseThrow();
        assertEquals(Status.FAIL, west.status(), "eu-west-1's cluster has one instance: " + west.message());
        assertTrue(west.message().contains("only one DB instance"), west.message());
    }

    private static Resource trail(String name, String region, String bucket) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("S3BucketName", bucket);
        p.put("IsLogging", true);
        p.put("IsMultiRegionTrail", false);
        return Resource.live("AWS::CloudTrail::Trail", name, "arn:aws:cloudtrail:" + region + ":123456789012:trail/" + name,
                region, p);
    }

    private static LiveCheck liveCheck(Check check, java.util.function.BiFunction<LiveInventory, String, List<Finding>> f) {
        return new LiveCheck() {
            @Override
            public Check check() {
                return check;
            }

            @Override
            public List<Finding> evaluate(LiveInventory inventory, String accountId) {
                return f.apply(inventory, accountId);
            }
        };
    }
}
