package dev.cxscan.checks.rules.elb;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class Elbv2TlsPolicyModernTest {
    private final Elbv2TlsPolicyModern rule = new Elbv2TlsPolicyModern();

    /** CDK listeners: sslPolicy RECOMMENDED_TLS, no sslPolicy (CDK writes none), and the redirect listener. */
    private static final String CDK = """
            {"Resources": {
              "WebLB8A12904C": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
                "Scheme": "internet-facing", "Type": "application",
                "Subnets": [{"Ref": "VpcPublicSubnet1Subnet5C2D37C4"}, {"Ref": "VpcPublicSubnet2Subnet691E08A3"}]},
                "Metadata": {"aws:cdk:path": "App/WebLB/Resource"}},
              "WebLBHttpsListener0C3B4F1E": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "Certificates": [{"CertificateArn": {"Ref": "SiteCert6F2A1B3C"}}],
                "DefaultActions": [{"TargetGroupArn": {"Ref": "AppGroup5E8B4D1A"}, "Type": "forward"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 443, "Protocol": "HTTPS",
                "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
                "Metadata": {"aws:cdk:path": "App/WebLB/HttpsListener/Resource"}},
              "WebLBApiListener5A6B7C8D": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "Certificates": [{"CertificateArn": {"Ref": "SiteCert6F2A1B3C"}}],
                "DefaultActions": [{"TargetGroupArn": {"Ref": "AppGroup5E8B4D1A"}, "Type": "forward"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 8443, "Protocol": "HTTPS"},
                "Metadata": {"aws:cdk:path": "App/WebLB/ApiListener/Resource"}},
              "WebLBRedirect80A1B2C3D4": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
                "DefaultActions": [{"RedirectConfig": {"Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"}, "Type": "redirect"}],
                "LoadBalancerArn": {"Ref": "WebLB8A12904C"}, "Port": 80, "Protocol": "HTTP"},
                "Metadata": {"aws:cdk:path": "App/WebLB/Redirect80/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Policy:
                Type: String
            Resources:
              Fips:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 443
                  Protocol: TLS
                  SslPolicy: ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04
              Tls11:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 444
                  Protocol: TLS
                  SslPolicy: ELBSecurityPolicy-TLS13-1-1-2021-06
              FutureName:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 445
                  Protocol: TLS
                  SslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2030-01
              Unknown:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 446
                  Protocol: TLS
                  SslPolicy: MyOwnPolicy
              FromParameter:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 447
                  Protocol: TLS
                  SslPolicy: !Ref Policy
              Tcp:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Nlb
                  Port: 22
                  Protocol: TCP
              Nlb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
            """;

    @Test
    void cdkRecommendedPolicyPasses() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "WebLBHttpsListener0C3B4F1E").message().contains("TLS13-1-2-2021-06"));
    }

    @Test
    void cdkListenerWithoutPolicyGetsTheOldDefault() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "WebLBApiListener5A6B7C8D");
        assertTrue(f.message().contains("ELBSecurityPolicy-2016-08") && f.message().contains("TLS 1.0"), f.message());
    }

    @Test
    void nonTlsListenersAreNotJudged() {
        assertNoFinding(rule, CDK, "WebLBRedirect80A1B2C3D4");
        assertNoFinding(rule, YAML, "Tcp");
    }

    @Test
    void yamlPolicies() {
        assertStatus(Status.PASS, rule, YAML, "Fips");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Tls11").message().contains("allows TLS 1.0 or 1.1"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "FutureName").message().contains("not in cxscan's list"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Unknown").message().contains("not a known"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Policy"));
    }

    @Test
    void listsDoNotOverlapAndAgreeWithTheNamePatterns() {
        for (String name : Elbv2TlsPolicyModern.MODERN) {
            assertTrue(!Elbv2TlsPolicyModern.LEGACY.contains(name), name);
            assertTrue(name.matches("ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-.*"), name);
        }
        assertTrue(Elbv2TlsPolicyModern.LEGACY.contains(Elbv2TlsPolicyModern.CLOUDFORMATION_DEFAULT));
    }
}
