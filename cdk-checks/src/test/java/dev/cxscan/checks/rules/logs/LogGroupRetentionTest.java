package dev.cxscan.checks.rules.logs;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class LogGroupRetentionTest {
    private final LogGroupRetention rule = new LogGroupRetention();

    /** new LogGroup(this, "AppLogs") (CDK writes 731 days) and a log group with RetentionDays.INFINITE. */
    private static final String CDK = """
            {"Resources": {
              "AppLogs6C2C3B2A": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 731},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/AppLogs/Resource"}},
              "AuditLogs9F8E7D6C": {"Type": "AWS::Logs::LogGroup",
                "Properties": {"LogGroupName": "/app/audit"},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/AuditLogs/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Days:
                Type: Number
            Resources:
              StringDays:
                Type: AWS::Logs::LogGroup
                Properties:
                  RetentionInDays: "90"
              OddDays:
                Type: AWS::Logs::LogGroup
                Properties:
                  RetentionInDays: 8675309
              FromParam:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub "/aws/lambda/${AWS::StackName}"
                  RetentionInDays: !Ref Days
            """;

    @Test
    void cdkDefaultRetentionPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "AppLogs6C2C3B2A");
        assertTrue(f.message().contains("731 days"), f.message());
    }

    @Test
    void cdkInfiniteRetentionFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "AuditLogs9F8E7D6C");
        assertTrue(f.message().contains("never expire"), f.message());
    }

    @Test
    void yamlValues() {
        assertStatus(Status.PASS, rule, YAML, "StringDays");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "OddDays").message().contains("not a retention period"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Days"));
    }
}
