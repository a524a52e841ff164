package dev.cxscan.checks.rules.elb;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class Elbv2ListenerEncryptedTest {
    private final Elbv2ListenerEncrypted rule = new Elbv2ListenerEncrypted();

    /** An internet-facing ALB with an HTTPS listener and alb.addRedirect(), plus an internal ALB, as CDK writes them. */
    private static final String CDK = """
            {"Resources": {
              "WebLB8A12904C": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
                "LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"}],
                "Scheme": "internet-facing",
                "SecurityGroups": [{"Fn::GetAtt": ["WebLBSecurityGroup8A41EA2B", "GroupId"]}],
                "Subnets": [{"Ref": "VpcPublicSubnet1Subnet5C2D37C4"}, {"Ref": "VpcPublicSubnet2Subnet691E08A3"}],
                "Type": "application"},
                "Metadata": {"aws:cdk:path": "App/WebLB/Resource"}},
              "WebLBHttpsListener0C3B4F1E": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "Certificates": [{"CertificateArn": {"Ref": "SiteCert6F2A1B3C"}}],
                "DefaultActions": [{"TargetGroupArn": {"Ref": "WebLBHttpsListenerAppGroup5E8B4D1A"}, "Type": "forward"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 443, "Protocol": "HTTPS",
                "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
                "Metadata": {"aws:cdk:path": "App/WebLB/HttpsListener/Resource"}},
              "WebLBRedirect80A1B2C3D4": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "DefaultActions": [{"RedirectConfig": {"Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"},
                                    "Type": "redirect"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 80, "Protocol": "HTTP"},
                "Metadata": {"aws:cdk:path": "App/WebLB/Redirect80/Resource"}},
              "WebLBPlainListener77F0E1D2": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "DefaultActions": [{"TargetGroupArn": {"Ref": "WebLBHttpsListenerAppGroup5E8B4D1A"}, "Type": "forward"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 8080, "Protocol": "HTTP"},
                "Metadata": {"aws:cdk:path": "App/WebLB/PlainListener/Resource"}},
              "InternalLB3E4F5A6B": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
                "Scheme": "internal", "Type": "application",
                "Subnets": [{"Ref": "VpcPrivateSubnet1Subnet536B997A"}, {"Ref": "VpcPrivateSubnet2Subnet3788AAA1"}]},
                "Metadata": {"aws:cdk:path": "App/InternalLB/Resource"}},
              "InternalLBListener9C8D7E6F": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "DefaultActions": [{"TargetGroupArn": {"Ref": "InternalGroup1A2B3C4D"}, "Type": "forward"}],
                "LoadBalancerArn": {"Ref": "InternalLB3E4F5A6B"}, "Port": 80, "Protocol": "HTTP"},
                "Metadata": {"aws:cdk:path": "App/InternalLB/Listener/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Proto:
                Type: String
            Resources:
              Nlb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  Subnets: [subnet-1, subnet-2]
              TlsListener:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 443
                  Protocol: TLS
                  Certificates:
                    - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
                  DefaultActions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              TcpListener:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 5432
                  Protocol: TCP
                  DefaultActions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              Alb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [subnet-1, subnet-2]
              RedirectWithRule:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Alb
                  Port: 80
                  Protocol: HTTP
                  DefaultActions:
                    - Type: redirect
                      RedirectConfig:
                        Protocol: HTTPS
                        Port: '443'
                        StatusCode: HTTP_301
              HealthRule:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !Ref RedirectWithRule
                  Priority: 1
                  Conditions:
                    - Field: path-pattern
                      Values: [/health]
                  Actions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              SameProtocolRedirect:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Alb
                  Port: 81
                  Protocol: HTTP
                  DefaultActions:
                    - Type: redirect
                      RedirectConfig:
                        Host: www.example.com
                        StatusCode: HTTP_301
              ProtocolFromParameter:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Alb
                  Port: 82
                  Protocol: !Ref Proto
                  DefaultActions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              ExternalLbHttp:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shared/50dc6c495c0c9188
                  Port: 80
                  Protocol: HTTP
                  DefaultActions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              ExternalLbHttps:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shared/50dc6c495c0c9188
                  Port: 443
                  Protocol: HTTPS
                  DefaultActions:
                    - Type: forward
                      TargetGroupArn: !Ref Targets
              Classic:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners:
                    - LoadBalancerPort: '443'
                      InstancePort: '80'
                      Protocol: HTTPS
                    - LoadBalancerPort: '80'
                      InstancePort: '80'
                      Protocol: HTTP
              ClassicTls:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners:
                    - LoadBalancerPort: '443'
                      InstancePort: '443'
                      Protocol: ssl
              ClassicInternal:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Scheme: internal
                  Listeners:
                    - LoadBalancerPort: '80'
                      InstancePort: '80'
                      Protocol: HTTP
              Targets:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Port: 80
                  Protocol: HTTP
            """;

    @Test
    void cdkHttpsAndRedirectPass() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "WebLBHttpsListener0C3B4F1E").message().contains("HTTPS listener on port 443"));
        assertTrue(assertStatus(Status.PASS, rule, CDK, "WebLBRedirect80A1B2C3D4").message().contains("only redirects to HTTPS"));
    }

    @Test
    void cdkForwardingHttpListenerFailsAndInternalIsNotJudged() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "WebLBPlainListener77F0E1D2");
        assertTrue(f.message().contains("port 8080") && f.message().contains("internet-facing load balancer WebLB8A12904C"), f.message());
        assertNoFinding(rule, CDK, "InternalLBListener9C8D7E6F");
    }

    @Test
    void yamlNetworkLoadBalancerWithoutSchemeIsInternetFacing() {
        assertStatus(Status.PASS, rule, YAML, "TlsListener");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "TcpListener").message().contains("TCP listener on port 5432"));
    }

    @Test
    void listenerRulesAndRedirectTargetsCount() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "RedirectWithRule");
        assertTrue(f.message().contains("listener rule HealthRule forward"), f.message());
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "SameProtocolRedirect").message().contains("redirect to #{protocol}"));
    }

    @Test
    void unknownsAreNeverAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ProtocolFromParameter").message().contains("Ref Proto"));
        Finding external = assertStatus(Status.FAIL, rule, YAML, "ExternalLbHttp");
        assertTrue(external.message().startsWith("cannot verify"), external.message());
        assertStatus(Status.PASS, rule, YAML, "ExternalLbHttps");
    }

    @Test
    void classicLoadBalancers() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Classic").message().contains("HTTP on port 80"));
        assertStatus(Status.PASS, rule, YAML, "ClassicTls");
        assertNoFinding(rule, YAML, "ClassicInternal");
    }
}
