package dev.cxscan.checks.rules.backup;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static dev.cxscan.checks.RuleTester.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupResourceCoveredTest {
    private final BackupResourceCovered rule = new BackupResourceCovered();

    /** A CDK-style plan: the table by Fn::Join of its name, DB instances by pattern, volumes by tag. */
    private static final String SELECTED = """
            Parameters:
              Arns:
                Type: CommaDelimitedList
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
              Sessions:
                Type: AWS::DynamoDB::Table
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
              Tagged:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
                  Tags:
                    - Key: backup
                      Value: daily
              Untagged:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
              Plan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: daily
                    BackupPlanRule:
                      - RuleName: daily
                        TargetBackupVault: Default
              Selection:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !Ref Plan
                  BackupSelection:
                    SelectionName: main
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Resources:
                      - !Join ["", ["arn:", !Ref "AWS::Partition", ":dynamodb:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId", ":table/", !Ref Orders]]
                      - !Sub "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:*"
                    ListOfTags:
                      - ConditionType: STRINGEQUALS
                        ConditionKey: backup
                        ConditionValue: daily
            """;

    @Test
    void selectedByReferencePatternOrTagPasses() {
        assertTrue(assertStatus(Status.PASS, rule, SELECTED, "Orders").message().contains("reference to Orders"));
        assertTrue(assertStatus(Status.PASS, rule, SELECTED, "Db").message().contains("pattern arn:*:rds:*:*:db:*"));
        assertTrue(assertStatus(Status.PASS, rule, SELECTED, "Tagged").message().contains("tag backup=daily"));
    }

    @Test
    void resourcesNoSelectionNamesFail() {
        Finding f = assertStatus(Status.FAIL, rule, SELECTED, "Sessions");
        assertTrue(f.message().contains("no backup selection selects it"), f.message());
        assertStatus(Status.FAIL, rule, SELECTED, "Untagged");
        assertStatus(Status.FAIL, rule, SELECTED, "Aurora"); // a db:* pattern does not select clusters
    }

    @Test
    void anAuroraMemberIsJudgedThroughItsCluster() {
        assertNoFinding(rule, SELECTED, "AuroraWriter");
    }

    @Test
    void noPlanFailsEveryResource() {
        List<Finding> findings = run(rule, """
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                  Files:
                    Type: AWS::EFS::FileSystem
                """);
        assertEquals(List.of(Status.FAIL, Status.FAIL), findings.stream().map(Finding::status).toList());
        assertTrue(findings.get(0).message().contains("no AWS Backup plan with a backup selection in this template"),
                findings.get(0).message());
    }

    private static final String CONDITIONS = """
            Parameters:
              Arns:
                Type: CommaDelimitedList
            Resources:
              Prod:
                Type: AWS::EFS::FileSystem
                Properties:
                  FileSystemTags:
                    - Key: env
                      Value: prod
              Dev:
                Type: AWS::EFS::FileSystem
                Properties:
                  FileSystemTags:
                    - Key: env
                      Value: dev
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: orders
              Scratch:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: scratch
              Named:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceIdentifier: billing
              Generated:
                Type: AWS::RDS::DBCluster
              Plan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: p
                    BackupPlanRule:
                      - RuleName: r
                        TargetBackupVault: Default
              ByCondition:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !GetAtt Plan.BackupPlanId
                  BackupSelection:
                    SelectionName: prod-efs
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Resources: ["arn:aws:elasticfilesystem:*:*:file-system/*"]
                    Conditions:
                      StringEquals:
                        - ConditionKey: aws:ResourceTag/env
                          ConditionValue: prod
              AllTablesButScratch:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !Ref Plan
                  BackupSelection:
                    SelectionName: tables
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Resources: ["arn:aws:dynamodb:*:*:table/*"]
                    NotResources:
                      - !GetAtt Scratch.Arn
              ByName:
                Type: AWS::Backup::BackupSelection
                Properties:
                  BackupPlanId: !Ref Plan
                  BackupSelection:
                    SelectionName: by-name
                    IamRoleArn: arn:aws:iam::123456789012:role/backup
                    Resources:
                      - arn:aws:rds:us-east-1:123456789012:db:billing
                      - arn:aws:rds:us-east-1:123456789012:cluster:reporting
            """;

    @Test
    void conditionsMustHold() {
        assertTrue(assertStatus(Status.PASS, rule, CONDITIONS, "Prod").message().contains("StringEquals aws:ResourceTag/env=prod"));
        Finding dev = assertStatus(Status.FAIL, rule, CONDITIONS, "Dev");
        assertTrue(dev.message().contains("do not meet StringEquals"), dev.message());
    }

    @Test
    void notResourcesExclude() {
        assertStatus(Status.PASS, rule, CONDITIONS, "Orders");
        Finding f = assertStatus(Status.FAIL, rule, CONDITIONS, "Scratch");
        assertTrue(f.message().contains("excluded by NotResources of AllTablesButScratch"), f.message());
    }

    @Test
    void anArnNamingAResourceMatchesItsLiteralNameOnly() {
        assertStatus(Status.PASS, rule, CONDITIONS, "Named");
        // the cluster's name is generated at deploy time: an ARN naming a cluster may or may not be it
        Finding f = assertStatus(Status.FAIL, rule, CONDITIONS, "Generated");
        assertTrue(f.message().startsWith("cannot verify") && f.message().contains("generates"), f.message());
    }

    @Test
    void selectorsFromAParameterAreNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, """
                Parameters:
                  Arns:
                    Type: CommaDelimitedList
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                  Plan:
                    Type: AWS::Backup::BackupPlan
                    Properties:
                      BackupPlan:
                        BackupPlanName: p
                        BackupPlanRule: [{RuleName: r, TargetBackupVault: Default}]
                  Selection:
                    Type: AWS::Backup::BackupSelection
                    Properties:
                      BackupPlanId: !Ref Plan
                      BackupSelection:
                        SelectionName: s
                        IamRoleArn: arn:aws:iam::123456789012:role/backup
                        Resources: !Ref Arns
                """, "Orders");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
    }

    @Test
    void aPlanWithoutRulesBacksNothingUp() {
        Finding f = assertStatus(Status.FAIL, rule, """
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                  Plan:
                    Type: AWS::Backup::BackupPlan
                    Properties:
                      BackupPlan:
                        BackupPlanName: p
                        BackupPlanRule: []
                  Selection:
                    Type: AWS::Backup::BackupSelection
                    Properties:
                      BackupPlanId: !Ref Plan
                      BackupSelection:
                        SelectionName: s
                        IamRoleArn: arn:aws:iam::123456789012:role/backup
                        Resources: ["*"]
                """, "Orders");
        assertTrue(f.message().contains("no AWS Backup plan with a backup selection"), f.message());
    }
}
