package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleTester;
import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class Ec2SgPublicIngressWebOnlyTest {
    private final Ec2SgPublicIngressWebOnly rule = new Ec2SgPublicIngressWebOnly();

    private static final String YAML = """
            Parameters:
              Cidr:
                Type: String
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: http, https, http/3 and ping from anywhere
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
                    - {IpProtocol: tcp, FromPort: "443", ToPort: "443", CidrIpv6: "::/0"}
                    - {IpProtocol: udp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                    - {IpProtocol: icmp, FromPort: 3, ToPort: 4, CidrIp: 0.0.0.0/0}
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: sg-0123456789abcdef0}
              RangeBetween:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: 80-443 holds many other ports
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 80, ToPort: 443, CidrIp: 0.0.0.0/0}
              AltHttp:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 8080
                  ToPort: 8080
                  CidrIpv6: ::/0
              Esp:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: IPsec ESP from anywhere
                  SecurityGroupIngress:
                    - {IpProtocol: "50", CidrIp: 0.0.0.0/0}
              DbFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: database port from a parameter
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: !Ref Cidr}
              HttpsFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: https from a parameter
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref Cidr}
            """;

    @Test
    void cdkLoadBalancerOnHttpAndHttpsPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "LBSecurityGroup8A41EA2B");
        assertTrue(f.message().contains("tcp 443 from 0.0.0.0/0") && f.message().contains("tcp 80 from ::/0"), f.message());
    }

    @Test
    void cdkSshRdpAndAllTrafficFromAnywhereFail() {
        String t = NetworkStack.json();
        assertTrue(assertStatus(Status.FAIL, rule, t, "BastionSecurityGroup1F2E3D4C").message().contains("tcp 22"));
        assertStatus(Status.FAIL, rule, t, "OpenSecurityGroup7A6B5C4D");
        assertStatus(Status.FAIL, rule, t, "OpenSecurityGroupfromanyipv4RDP3C2B1A09");
        assertStatus(Status.PASS, rule, t, "AppSecurityGroupfromVpcCidr5432B1C2D3E4");
    }

    @Test
    void yamlWebPortsIcmpAndGroupSourcesPass() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "Web");
        assertTrue(f.message().contains("udp 443") && f.message().contains("icmp"), f.message());
    }

    @Test
    void yamlAnyOtherPortOrProtocolFromAnywhereFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "RangeBetween").message().contains("tcp 80-443"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "AltHttp").message().contains("8080"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Esp").message().contains("IP protocol 50"));
    }

    @Test
    void unresolvedSourceFailsUnlessOnlyWebPorts() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "DbFromParam").message().contains("cannot verify"));
        Finding f = assertStatus(Status.PASS, rule, YAML, "HttpsFromParam");
        assertTrue(f.message().contains("not resolvable"), f.message());
    }

    /**
     * cfn_nag's security_group_open_to_world_on_ingress.json: the open rule (tcp 46 from 0.0.0.0/0)
     * is a standalone AWS::EC2::SecurityGroupIngress; cxscan reports it on the ingress resource
     * (cfn_nag W2 on the parent group, which the conformance harness maps).
     */
    @Test
    void upstreamStandaloneIngressCarriesTheFinding() {
        String t = RuleTester.conformanceTemplate("templates/cfn_nag/json/security_group/security_group_open_to_world_on_ingress.json");
        Finding f = assertStatus(Status.FAIL, rule, t, "securityGroupIngress");
        assertTrue(f.message().contains("tcp 46"), f.message());
        assertStatus(Status.PASS, rule, t, "sgOpenIngress2");
    }
}
