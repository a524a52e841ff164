package dev.cxscan.checks.rules.backup;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static dev.cxscan.checks.RuleTester.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPlanPresentTest {
    private final BackupPlanPresent rule = new BackupPlanPresent();

    /** BackupPlan.dailyWeeklyMonthly5YearRetention with plan.addSelection(fromConstruct(table)), and a plan with none. */
    private static final String CDK = """
            {"Resources": {
              "Table7ABB1E9C": {"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": "PAY_PER_REQUEST"}},
              "PlanDAF4E53A": {"Type": "AWS::Backup::BackupPlan",
                "Properties": {"BackupPlan": {"BackupPlanName": "Plan", "BackupPlanRule": [
                  {"RuleName": "Daily", "TargetBackupVault": {"Fn::GetAtt": ["PlanVault1F2A3B4C", "BackupVaultName"]},
                   "ScheduleExpression": "cron(0 5 * * ? *)", "Lifecycle": {"DeleteAfterDays": 35}}]}},
                "Metadata": {"aws:cdk:path": "App/Plan/Resource"}},
              "PlanSelection0B7E5C3D": {"Type": "AWS::Backup::BackupSelection",
                "Properties": {"BackupPlanId": {"Fn::GetAtt": ["PlanDAF4E53A", "BackupPlanId"]},
                  "BackupSelection": {"IamRoleArn": {"Fn::GetAtt": ["PlanSelectionRole6D4E2B1A", "Arn"]},
                    "SelectionName": "Selection",
                    "Resources": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":dynamodb:",
                      {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":table/", {"Ref": "Table7ABB1E9C"}]]}]}},
                "Metadata": {"aws:cdk:path": "App/Plan/Selection/Resource"}},
              "OrphanPlan4C3B2A1D": {"Type": "AWS::Backup::BackupPlan",
                "Properties": {"BackupPlan": {"BackupPlanName": "Orphan", "BackupPlanRule": [
                  {"RuleName": "Weekly", "TargetBackupVault": "Default"}]}},
                "Metadata": {"aws:cdk:path": "App/OrphanPlan/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              ResourceArns:
                Type: CommaDelimitedList
            Resources:
              TaggedPlan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: tagged
                    BackupPlanRule:
                      - RuleName: daily
                        TargetBackupVault: Default
              TaggedSelection:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !Ref TaggedPlan
                  BackupSelection:
                    SelectionName: by-tag
                    IamRoleArn: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/backup"
                    ListOfTags:
                      - ConditionType: STRINGEQUALS
                        ConditionKey: backup
                        ConditionValue: daily
              EmptyPlan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: empty
                    BackupPlanRule:
                      - RuleName: daily
                        TargetBackupVault: Default
              ExcludeOnlySelection:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !GetAtt EmptyPlan.BackupPlanId
                  BackupSelection:
                    SelectionName: nothing
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    NotResources:
                      - arn:aws:s3:::scratch
              ParamPlan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: param
                    BackupPlanRule:
                      - RuleName: daily
                        TargetBackupVault: Default
              ParamSelection:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !Ref ParamPlan
                  BackupSelection:
                    SelectionName: from-param
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Resources: !Ref ResourceArns
              ConditionsPlan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: conditions
                    BackupPlanRule:
                      - RuleName: daily
                        TargetBackupVault: Default
              ConditionsSelection:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !GetAtt ConditionsPlan.BackupPlanId
                  BackupSelection:
                    SelectionName: by-condition
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Conditions:
                      StringEquals:
                        - ConditionKey: aws:ResourceTag/backup
                          ConditionValue: "true"
            """;

    @Test
    void cdkPlanWithSelectionPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "PlanDAF4E53A");
        assertTrue(f.message().contains("PlanSelection0B7E5C3D") && f.message().contains("Resources"), f.message());
    }

    @Test
    void cdkPlanWithoutSelectionFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "OrphanPlan4C3B2A1D");
        assertTrue(f.message().contains("backup plan has no selection"), f.message());
    }

    @Test
    void yamlSelectors() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "TaggedPlan").message().contains("ListOfTags"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ConditionsPlan").message().contains("Conditions"));
        Finding f = assertStatus(Status.FAIL, rule, YAML, "EmptyPlan");
        assertTrue(f.message().contains("ExcludeOnlySelection"), f.message());
    }

    @Test
    void selectionFromParameterIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "ParamPlan");
        assertTrue(f.message().contains("cannot verify"), f.message());
    }

    @Test
    void templateWithoutPlanYieldsNothing() {
        List<Finding> findings = run(rule, """
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                """);
        assertEquals(List.of(), findings);
    }

    /** Databases and no plan: one FAIL for the template, on its first resource to back up, naming them all. */
    private static final String NO_PLAN = """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
              Aurora:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
              AuroraWriter:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBClusterIdentifier: !Ref Aurora
              Docs:
                Type: AWS::S3::Bucket
            """;

    @Test
    void resourcesToBackUpAndNoPlanFailOncePerTemplate() {
        List<Finding> findings = run(rule, NO_PLAN);
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(Status.FAIL, f.status());
        assertEquals("Aurora", f.resource().id(), "the first resource to back up carries the finding");
        assertTrue(f.message().contains("no AWS Backup plan in this template: 3 resources"), f.message());
        assertTrue(f.message().contains("Aurora, Db, Orders"), "names them (an Aurora member instance is its cluster's): "
                + f.message());
    }

    @Test
    void aPlanInTheTemplateIsJudgedInsteadOfTheResources() {
        List<Finding> findings = run(rule, CDK);
        assertEquals(List.of("OrphanPlan4C3B2A1D", "PlanDAF4E53A"),
                findings.stream().map(x -> x.resource().id()).sorted().toList(), findings.toString());
    }

    @Test
    void dependsOnTheSelectionsItLooksUp() {
        assertTrue(rule.lookedUpTypes().contains("AWS::Backup::BackupSelection"));
        assertTrue(rule.resourceTypes().containsAll(List.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
                "AWS::DynamoDB::Table", "AWS::EFS::FileSystem", "AWS::EC2::Volume")));
    }
}
