package dev.cxscan.checks.rules.elb;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class ElbAccessLogsTest {
    private final ElbAccessLogs rule = new ElbAccessLogs();

    /** ApplicationLoadBalancer with logAccessLogs(bucket) (attributes as CDK writes them) and a plain NLB. */
    private static final String CDK = """
            {"Resources": {
              "LogsBucket9C4D8843": {"Type": "AWS::S3::Bucket"},
              "WebAlb3F5C1A2B": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Scheme": "internet-facing", "Type": "application",
                  "LoadBalancerAttributes": [
                    {"Key": "deletion_protection.enabled", "Value": "false"},
                    {"Key": "access_logs.s3.enabled", "Value": "true"},
                    {"Key": "access_logs.s3.bucket", "Value": {"Ref": "LogsBucket9C4D8843"}}],
                  "Subnets": [{"Ref": "VpcPublicSubnet1Subnet5C2D37C4"}, {"Ref": "VpcPublicSubnet2Subnet691E08A3"}]},
                "Metadata": {"aws:cdk:path": "App/WebAlb/Resource"}},
              "ApiNlb7E1D2C3A": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Scheme": "internal", "Type": "network",
                  "LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"}]},
                "Metadata": {"aws:cdk:path": "App/ApiNlb/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              LogsOn:
                Type: String
            Resources:
              BoolTrue:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  LoadBalancerAttributes:
                    - Key: access_logs.s3.enabled
                      Value: true
                    - Key: access_logs.s3.bucket
                      Value: my-logs
              ExplicitFalse:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  LoadBalancerAttributes:
                    - Key: access_logs.s3.enabled
                      Value: "false"
              FromParam:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  LoadBalancerAttributes:
                    - Key: access_logs.s3.enabled
                      Value: !Ref LogsOn
              Gateway:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: gateway
              ClassicOn:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AccessLoggingPolicy:
                    Enabled: true
                    S3BucketName: !Ref LogsBucket
                    EmitInterval: 5
              ClassicOff:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AccessLoggingPolicy:
                    Enabled: false
                    S3BucketName: logs
              ClassicNone:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners:
                    - LoadBalancerPort: "80"
                      InstancePort: "80"
                      Protocol: HTTP
              LogsBucket:
                Type: AWS::S3::Bucket
            """;

    @Test
    void cdkAlbWithAccessLogsPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "WebAlb3F5C1A2B");
        assertTrue(f.message().contains("Ref LogsBucket9C4D8843"), f.message());
    }

    @Test
    void cdkNlbWithoutTheAttributeFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ApiNlb7E1D2C3A");
        assertTrue(f.message().contains("access_logs.s3.enabled"), f.message());
    }

    @Test
    void yamlApplicationAndNetworkLoadBalancers() {
        assertStatus(Status.PASS, rule, YAML, "BoolTrue");
        assertStatus(Status.FAIL, rule, YAML, "ExplicitFalse");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref LogsOn"));
        assertNoFinding(rule, YAML, "Gateway");
    }

    @Test
    void yamlClassicLoadBalancers() {
        assertStatus(Status.PASS, rule, YAML, "ClassicOn");
        assertStatus(Status.FAIL, rule, YAML, "ClassicOff");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ClassicNone").message().contains("no AccessLoggingPolicy"));
    }
}
