package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class Ec2NaclNoPublicAdminPortsTest {
    private final Ec2NaclNoPublicAdminPorts rule = new Ec2NaclNoPublicAdminPorts();

    private static final String YAML = """
            Parameters:
              Source:
                Type: String
            Resources:
              Acl:
                Type: AWS::EC2::NetworkAcl
                Properties:
                  VpcId: vpc-0123456789abcdef0
              AllTraffic:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 100
                  Protocol: "-1"
                  RuleAction: allow
                  CidrBlock: 0.0.0.0/0
              TcpNoRange:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 110
                  Protocol: 6
                  RuleAction: allow
                  Egress: "false"
                  Ipv6CidrBlock: ::/0
              RangeWith3389:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 120
                  Protocol: 17
                  RuleAction: allow
                  CidrBlock: 0.0.0.0/0
                  PortRange: {From: "1024", To: "65535"}
              Ephemeral:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 130
                  Protocol: 6
                  RuleAction: allow
                  CidrBlock: 0.0.0.0/0
                  PortRange: {From: 3390, To: 65535}
              DenySsh:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 90
                  Protocol: 6
                  RuleAction: deny
                  CidrBlock: 0.0.0.0/0
                  PortRange: {From: 22, To: 22}
              SshFromOffice:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 140
                  Protocol: 6
                  RuleAction: allow
                  CidrBlock: 198.51.100.0/24
                  PortRange: {From: 22, To: 22}
              Icmp:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 150
                  Protocol: 1
                  RuleAction: allow
                  CidrBlock: 0.0.0.0/0
                  Icmp: {Code: -1, Type: -1}
              SshFromParam:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 160
                  Protocol: 6
                  RuleAction: allow
                  CidrBlock: !Ref Source
                  PortRange: {From: 22, To: 22}
              AllOut:
                Type: AWS::EC2::NetworkAclEntry
                Properties:
                  NetworkAclId: !Ref Acl
                  RuleNumber: 100
                  Protocol: -1
                  RuleAction: allow
                  Egress: true
                  CidrBlock: 0.0.0.0/0
            """;

    @Test
    void cdkSshEntryFromAnywhereFailsAndHttpsPasses() {
        String t = NetworkStack.json();
        Finding f = assertStatus(Status.FAIL, rule, t, "PublicNaclSshIn9A8B7C6D");
        assertTrue(f.message().contains("port 22") && f.message().contains("0.0.0.0/0"), f.message());
        assertTrue(assertStatus(Status.PASS, rule, t, "PublicNaclHttpsIn5E4D3C2B").message().contains("tcp 443"));
        assertNoFinding(rule, t, "PublicNaclAllOut1B2C3D4E");
    }

    @Test
    void yamlAllProtocolsMissingRangeAndRangesFail() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "AllTraffic").message().contains("22 and 3389"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "TcpNoRange").message().contains("no PortRange"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "RangeWith3389").message().contains("port 3389"));
    }

    @Test
    void yamlDenyRestrictedSourceIcmpAndHighPortsPass() {
        assertStatus(Status.PASS, rule, YAML, "Ephemeral");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "DenySsh").message().contains("deny"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "SshFromOffice").message().contains("198.51.100.0/24"));
        assertStatus(Status.PASS, rule, YAML, "Icmp");
    }

    @Test
    void egressEntriesAreNotJudged() {
        assertNoFinding(rule, YAML, "AllOut");
    }

    @Test
    void sourceFromParameterWithoutDefaultIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SshFromParam");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("Ref Source"), f.message());
    }
}
