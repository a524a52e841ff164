package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ec2DefaultSgClosedTest {
    private final Ec2DefaultSgClosed rule = new Ec2DefaultSgClosed();

    private static final String YAML = """
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              RevokeDefaultRules:
                Type: AWS::CloudFormation::CustomResource
                Properties:
                  ServiceToken: !GetAtt RevokeFunction.Arn
                  GroupId: !GetAtt Vpc.DefaultSecurityGroup
              RevokeFunction:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/revoker
                  Code:
                    ZipFile: "def handler(event, context): pass"
              OtherVpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.1.0.0/16
              UsesDefaultGroup:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SecurityGroupIds: [!GetAtt OtherVpc.DefaultSecurityGroup]
              OpenedVpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.2.0.0/16
              RestrictOpened:
                Type: Custom::VpcRestrictDefaultSG
                Properties:
                  ServiceToken: !GetAtt RevokeFunction.Arn
                  DefaultSecurityGroupId: !GetAtt OpenedVpc.DefaultSecurityGroup
              AddSshToDefault:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt OpenedVpc.DefaultSecurityGroup
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 10.0.0.0/8
              CustomOnVpcId:
                Type: Custom::Something
                Properties:
                  ServiceToken: !GetAtt RevokeFunction.Arn
                  VpcId: !Ref OtherVpc
            """;

    @Test
    void cdkRestrictDefaultSecurityGroupCustomResourcePasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "Vpc8378EB38");
        assertTrue(f.message().contains("Custom::VpcRestrictDefaultSG"), f.message());
        assertEquals("NetworkStack/Vpc/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkVpcWithoutTheCustomResourceFails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "SingleAzVpcB2F3E1C9");
        assertTrue(f.message().contains("restrictDefaultSecurityGroup"), f.message());
    }

    @Test
    void yamlEquivalentCustomResourcePasses() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "Vpc");
        assertTrue(f.message().contains("RevokeDefaultRules"), f.message());
    }

    @Test
    void yamlUsingTheDefaultGroupOrReferencingTheVpcIsNotRevoking() {
        assertStatus(Status.FAIL, rule, YAML, "OtherVpc");
    }

    @Test
    void yamlAddingRulesToTheDefaultGroupFailsEvenWithTheCustomResource() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "OpenedVpc");
        assertTrue(f.message().contains("AddSshToDefault"), f.message());
    }

    @Test
    void templateSecurityGroupsAreNotJudged() {
        assertNoFinding(rule, NetworkStack.json(), "BastionSecurityGroup1F2E3D4C");
    }

    @Test
    void liveDefaultGroupWithRulesFailsAndEmptyOnePasses() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Resource open = Resource.live("AWS::EC2::SecurityGroup", "sg-0aaa", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0aaa",
                "us-east-1", (ObjectNode) m.readTree("""
                        {"GroupName": "default", "VpcId": "vpc-1",
                         "SecurityGroupIngress": [{"IpProtocol": "-1", "SourceSecurityGroupId": "sg-0aaa"}],
                         "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]}"""));
        Resource closed = Resource.live("AWS::EC2::SecurityGroup", "sg-0bbb", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0bbb",
                "us-east-1", (ObjectNode) m.readTree("""
                        {"GroupName": "default", "VpcId": "vpc-2", "SecurityGroupIngress": [], "SecurityGroupEgress": []}"""));
        Resource other = Resource.live("AWS::EC2::SecurityGroup", "sg-0ccc", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0ccc",
                "us-east-1", (ObjectNode) m.readTree("""
                        {"GroupName": "web", "VpcId": "vpc-1", "SecurityGroupIngress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]}"""));
        Resource vpc = Resource.live("AWS::EC2::VPC", "vpc-1", "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1", "us-east-1",
                (ObjectNode) m.readTree("{\"CidrBlock\": \"10.0.0.0/16\"}"));
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet("123456789012/us-east-1", true, List.of(open, closed, other, vpc)), new Diagnostics());
        assertEquals(2, findings.size(), findings.toString());
        Finding f0 = findings.stream().filter(f -> f.resource().id().equals("sg-0aaa")).findFirst().orElseThrow();
        assertEquals(Status.FAIL, f0.status());
        assertTrue(f0.message().contains("1 inbound, 1 outbound"), f0.message());
        Finding f1 = findings.stream().filter(f -> f.resource().id().equals("sg-0bbb")).findFirst().orElseThrow();
        assertEquals(Status.PASS, f1.status());
    }
}
