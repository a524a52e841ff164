package dev.cxscan.checks.rules.cloudwatch;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudwatchAlarmActionsTest {
    private final CloudwatchAlarmActions rule = new CloudwatchAlarmActions();

    /** alarm.addAlarmAction(new SnsAction(topic)) and an alarm created without an action. */
    private static final String CDK = """
            {"Resources": {
              "AlertsTopic8A2B3C4D": {"Type": "AWS::SNS::Topic"},
              "Alb5xxAlarm1F2E3D4C": {"Type": "AWS::CloudWatch::Alarm",
                "Properties": {"ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 1,
                  "MetricName": "HTTPCode_ELB_5XX_Count", "Namespace": "AWS/ApplicationELB", "Period": 300,
                  "Statistic": "Sum", "Threshold": 10,
                  "Dimensions": [{"Name": "LoadBalancer", "Value": {"Fn::GetAtt": ["WebAlb3F5C1A2B", "LoadBalancerFullName"]}}],
                  "AlarmActions": [{"Ref": "AlertsTopic8A2B3C4D"}]},
                "Metadata": {"aws:cdk:path": "App/Alb5xxAlarm/Resource"}},
              "DbCpuAlarm5A6B7C8D": {"Type": "AWS::CloudWatch::Alarm",
                "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 3,
                  "MetricName": "CPUUtilization", "Namespace": "AWS/RDS", "Period": 300, "Statistic": "Average",
                  "Threshold": 80, "Dimensions": [{"Name": "DBInstanceIdentifier", "Value": {"Ref": "OrdersDbC2A7F1B3"}}]},
                "Metadata": {"aws:cdk:path": "App/DbCpuAlarm/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Topics:
                Type: CommaDelimitedList
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Disabled:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ActionsEnabled: "false"
                  AlarmActions:
                    - !Ref Topic
              OkOnly:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  OKActions:
                    - !Ref Topic
              FromParam:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmActions: !Ref Topics
              EmptyList:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmActions: []
              ChildCpu:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmName: child-cpu
                  MetricName: CPUUtilization
              ChildErrors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  MetricName: Errors
              Parent:
                Type: AWS::CloudWatch::CompositeAlarm
                Properties:
                  AlarmRule: !Sub 'ALARM("child-cpu") OR ALARM(${ChildErrors})'
                  AlarmActions:
                    - !Ref Topic
              QuietParent:
                Type: AWS::CloudWatch::CompositeAlarm
                Properties:
                  AlarmRule: !Sub 'ALARM(${LoneChild})'
              LoneChild:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  MetricName: Latency
            """;

    @Test
    void cdkAlarmWithSnsActionPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "Alb5xxAlarm1F2E3D4C");
        assertTrue(f.message().contains("Ref AlertsTopic8A2B3C4D"), f.message());
    }

    @Test
    void cdkAlarmWithoutActionFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "DbCpuAlarm5A6B7C8D");
        assertTrue(f.message().contains("no AlarmActions"), f.message());
    }

    @Test
    void disabledActionsFail() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Disabled").message().contains("ActionsEnabled is false"));
    }

    @Test
    void okActionsAloneAreNotAnAlarmAction() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "OkOnly");
        assertTrue(f.message().contains("only OKActions"), f.message());
    }

    @Test
    void unresolvedOrEmptyListsFail() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Topics"));
        assertStatus(Status.FAIL, rule, YAML, "EmptyList");
    }

    @Test
    void childrenOfANotifyingCompositePass() {
        assertStatus(Status.PASS, rule, YAML, "Parent");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ChildCpu").message().contains("composite alarm Parent"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ChildErrors").message().contains("composite alarm Parent"));
        assertStatus(Status.FAIL, rule, YAML, "QuietParent");
        assertStatus(Status.FAIL, rule, YAML, "LoneChild");
    }
}
