package dev.cxscan.checks.rules.cloudwatch;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudwatchAlarmsPresentTest {
    private final CloudwatchAlarmsPresent rule = new CloudwatchAlarmsPresent();

    /**
     * An ALB with alb.getMetrics().httpCodeElb().createAlarm(...), a second ALB watched only through an
     * alarm on its target group, a DatabaseInstance with an alarm, and an unwatched Auto Scaling group.
     */
    private static final String CDK = """
            {"Resources": {
              "WebAlb3F5C1A2B": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Scheme": "internet-facing", "Type": "application"},
                "Metadata": {"aws:cdk:path": "App/WebAlb/Resource"}},
              "Alb5xxAlarm1F2E3D4C": {"Type": "AWS::CloudWatch::Alarm",
                "Properties": {"ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 1,
                  "MetricName": "HTTPCode_ELB_5XX_Count", "Namespace": "AWS/ApplicationELB", "Period": 300,
                  "Statistic": "Sum", "Threshold": 10,
                  "Dimensions": [{"Name": "LoadBalancer", "Value": {"Fn::GetAtt": ["WebAlb3F5C1A2B", "LoadBalancerFullName"]}}]},
                "Metadata": {"aws:cdk:path": "App/Alb5xxAlarm/Resource"}},
              "ApiAlbB7C8D9E0": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Scheme": "internal", "Type": "application"},
                "Metadata": {"aws:cdk:path": "App/ApiAlb/Resource"}},
              "ApiAlbListenerA1B2C3D4": {"Type": "AWS::ElasticLoadBalancingV2::Listener",
                "Properties": {"LoadBalancerArn": {"Ref": "ApiAlbB7C8D9E0"}, "Port": 80, "Protocol": "HTTP",
                  "DefaultActions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]}},
              "ApiAlbListenerOrdersRule5E6F7A8B": {"Type": "AWS::ElasticLoadBalancingV2::ListenerRule",
                "Properties": {"ListenerArn": {"Ref": "ApiAlbListenerA1B2C3D4"}, "Priority": 10,
                  "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/orders/*"]}}],
                  "Actions": [{"Type": "forward", "TargetGroupArn": {"Ref": "OrdersTargetGroup9C0D1E2F"}}]}},
              "OrdersTargetGroup9C0D1E2F": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
                "Properties": {"Port": 8080, "Protocol": "HTTP", "TargetType": "ip"}},
              "OrdersLatencyAlarm3A4B5C6D": {"Type": "AWS::CloudWatch::Alarm",
                "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 3,
                  "Metrics": [{"Id": "m1", "ReturnData": true, "MetricStat": {"Period": 60, "Stat": "p99",
                    "Metric": {"MetricName": "TargetResponseTime", "Namespace": "AWS/ApplicationELB",
                      "Dimensions": [{"Name": "TargetGroup",
                        "Value": {"Fn::GetAtt": ["OrdersTargetGroup9C0D1E2F", "TargetGroupFullName"]}}]}}}],
                  "Threshold": 1},
                "Metadata": {"aws:cdk:path": "App/OrdersLatencyAlarm/Resource"}},
              "OrdersDbC2A7F1B3": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"Engine": "postgres", "DBInstanceClass": "db.t3.medium"},
                "Metadata": {"aws:cdk:path": "App/OrdersDb/Resource"}},
              "DbCpuAlarm5A6B7C8D": {"Type": "AWS::CloudWatch::Alarm",
                "Properties": {"ComparisonOperator": "GreaterThanThreshold", "EvaluationPeriods": 3,
                  "MetricName": "CPUUtilization", "Namespace": "AWS/RDS", "Period": 300, "Statistic": "Average",
                  "Threshold": 80, "Dimensions": [{"Name": "DBInstanceIdentifier", "Value": {"Ref": "OrdersDbC2A7F1B3"}}]},
                "Metadata": {"aws:cdk:path": "App/DbCpuAlarm/Resource"}},
              "WorkersAsg6E7F8A9B": {"Type": "AWS::AutoScaling::AutoScalingGroup",
                "Properties": {"MaxSize": "4", "MinSize": "1"},
                "Metadata": {"aws:cdk:path": "App/Workers/ASG"}},
              "WorkersAsgScalingPolicyCpu1A2B3C4D": {"Type": "AWS::AutoScaling::ScalingPolicy",
                "Properties": {"AutoScalingGroupName": {"Ref": "WorkersAsg6E7F8A9B"}, "PolicyType": "TargetTrackingScaling",
                  "TargetTrackingConfiguration": {"TargetValue": 50,
                    "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"}}}}
            }}""";

    private static final String YAML = """
            Parameters:
              WatchedDb:
                Type: String
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
              ClusterWriter:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBClusterIdentifier: !Ref Cluster
              WriterCpu:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/RDS
                  MetricName: CPUUtilization
                  Dimensions:
                    - Name: DBInstanceIdentifier
                      Value: !Ref ClusterWriter
              LonelyCluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
              NamedDb:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceIdentifier: reports-db
                  Engine: mysql
              NamedDbStorage:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/RDS
                  MetricName: FreeStorageSpace
                  Dimensions:
                    - Name: DBInstanceIdentifier
                      Value: reports-db
              OtherDb:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
              ParamAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/RDS
                  MetricName: CPUUtilization
                  Dimensions:
                    - Name: DBInstanceIdentifier
                      Value: !Ref WatchedDb
              Classic:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners:
                    - LoadBalancerPort: "80"
                      InstancePort: "80"
                      Protocol: HTTP
              ClassicLatency:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/ELB
                  MetricName: Latency
                  Dimensions:
                    - Name: LoadBalancerName
                      Value: !Ref Classic
              Nlb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
            """;

    @Test
    void cdkAlbWithAlarmPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "WebAlb3F5C1A2B");
        assertTrue(f.message().contains("Alb5xxAlarm1F2E3D4C") && f.message().contains("LoadBalancer"), f.message());
    }

    @Test
    void cdkTargetGroupAlarmCountsForItsLoadBalancer() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "ApiAlbB7C8D9E0");
        assertTrue(f.message().contains("OrdersLatencyAlarm3A4B5C6D") && f.message().contains("TargetGroup"),
                f.message());
    }

    @Test
    void cdkDbInstanceWithAlarmPasses() {
        assertStatus(Status.PASS, rule, CDK, "OrdersDbC2A7F1B3");
    }

    @Test
    void cdkAsgWithOnlyTargetTrackingFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "WorkersAsg6E7F8A9B");
        assertTrue(f.message().contains("Auto Scaling group") && f.message().contains("target tracking"), f.message());
    }

    @Test
    void yamlClusterIsWatchedThroughItsMemberInstance() {
        assertStatus(Status.PASS, rule, YAML, "Cluster");
        assertNoFinding(rule, YAML, "ClusterWriter");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "LonelyCluster").message().contains("DB cluster"));
    }

    @Test
    void yamlLiteralNameAndClassicElb() {
        assertStatus(Status.PASS, rule, YAML, "NamedDb");
        assertStatus(Status.PASS, rule, YAML, "Classic");
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Nlb");
        assertTrue(f.message().contains("no alarm on this load balancer's metrics"), f.message());
    }

    @Test
    void unresolvableDimensionIsNeverAPassButIsMentioned() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "OtherDb");
        assertTrue(f.message().contains("ParamAlarm") && f.message().contains("Ref WatchedDb"), f.message());
    }
}
