package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class Ec2SgNoPublicAllTrafficTest {
    private final Ec2SgNoPublicAllTraffic rule = new Ec2SgNoPublicAllTraffic();

    private static final String YAML = """
            Parameters:
              Cidr:
                Type: String
              Env:
                Type: String
            Conditions:
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              AllString:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: "-1 as a string, ports ignored"
                  SecurityGroupIngress:
                    IpProtocol: "-1"
                    FromPort: 443
                    ToPort: 443
                    CidrIp: 0.0.0.0/0
              AllWord:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: all
                  CidrIpv6: ::/0
              FullTcpRange:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: every tcp port, as strings
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: "0"
                      ToPort: "65535"
                      CidrIp: 0.0.0.0/0
              UdpNoPorts:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: udp without ports means every port
                  SecurityGroupIngress:
                    - IpProtocol: "17"
                      CidrIp: 0.0.0.0/0
              AlmostAll:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: 1024 and up is not every port
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 1024
                      ToPort: 65535
                      CidrIp: 0.0.0.0/0
              AllFromVpcRange:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: all traffic but only from a private range
                  SecurityGroupIngress:
                    - IpProtocol: -1
                      CidrIp: 10.0.0.0/8
              AllFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: all traffic from a parameter
                  SecurityGroupIngress:
                    - IpProtocol: -1
                      CidrIp: !Ref Cidr
              DevOnlyOpen:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: wide open in dev
                  SecurityGroupIngress:
                    - !If
                      - IsDev
                      - IpProtocol: -1
                        CidrIp: 0.0.0.0/0
                      - !Ref AWS::NoValue
              ProtocolFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: protocol unknown
                  SecurityGroupIngress:
                    - IpProtocol: !Ref Env
                      CidrIp: 0.0.0.0/0
            """;

    @Test
    void cdkAllTrafficFromAnyIpv6Fails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "OpenSecurityGroup7A6B5C4D");
        assertTrue(f.message().contains("all traffic") && f.message().contains("::/0"), f.message());
    }

    @Test
    void cdkSinglePortsFromAnywherePassThisCheck() {
        String t = NetworkStack.json();
        assertTrue(assertStatus(Status.PASS, rule, t, "BastionSecurityGroup1F2E3D4C").message().contains("tcp 22"));
        assertStatus(Status.PASS, rule, t, "LBSecurityGroup8A41EA2B");
        assertStatus(Status.PASS, rule, t, "OpenSecurityGroupfromanyipv4RDP3C2B1A09");
    }

    @Test
    void yamlEveryProtocolSpellingAndFullRangeFails() {
        assertStatus(Status.FAIL, rule, YAML, "AllString");
        assertStatus(Status.FAIL, rule, YAML, "AllWord");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FullTcpRange").message().contains("tcp 0-65535"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "UdpNoPorts").message().contains("udp 0-65535"));
    }

    @Test
    void yamlPartialRangeOrPrivateSourcePasses() {
        assertStatus(Status.PASS, rule, YAML, "AlmostAll");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "AllFromVpcRange").message().contains("10.0.0.0/8"));
    }

    @Test
    void unresolvedSourceOrProtocolFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "AllFromParam").message().contains("Ref Cidr"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ProtocolFromParam").message().contains("IpProtocol"));
    }

    @Test
    void conditionalRuleFailsOnTheBranchThatAddsIt() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "DevOnlyOpen");
        assertTrue(f.message().contains("IsDev is true"), f.message());
    }
}
