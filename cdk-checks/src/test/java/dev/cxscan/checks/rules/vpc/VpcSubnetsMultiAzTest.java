package dev.cxscan.checks.rules.vpc;

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

class VpcSubnetsMultiAzTest {
    private final VpcSubnetsMultiAz rule = new VpcSubnetsMultiAz();

    private static final String YAML = """
            Parameters:
              Zone:
                Type: AWS::EC2::AvailabilityZone::Name
            Resources:
              Literal:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16}
              LiteralA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Literal, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}
              LiteralB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Literal, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1b}
              SameZone:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.1.0.0/16}
              SameZoneA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref SameZone, CidrBlock: 10.1.0.0/24, AvailabilityZone: us-east-1a}
              SameZoneA2:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !GetAtt SameZone.VpcId, CidrBlock: 10.1.1.0/24, AvailabilityZone: us-east-1a}
              Ids:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.2.0.0/16}
              Ids1:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Ids, CidrBlock: 10.2.0.0/24, AvailabilityZoneId: use1-az1}
              Ids2:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Ids, CidrBlock: 10.2.1.0/24, AvailabilityZoneId: use1-az2}
              Selects:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.3.0.0/16}
              Select0:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Selects
                  CidrBlock: 10.3.0.0/24
                  AvailabilityZone: !Select [0, !GetAZs {Ref: "AWS::Region"}]
              Select1:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Selects
                  CidrBlock: 10.3.1.0/24
                  AvailabilityZone: !Select ["1", !GetAZs ""]
              Mixed:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.4.0.0/16}
              MixedName:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Mixed, CidrBlock: 10.4.0.0/24, AvailabilityZone: us-east-1a}
              MixedSelect:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Mixed
                  CidrBlock: 10.4.1.0/24
                  AvailabilityZone: !Select [1, !GetAZs ""]
              FromParam:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.5.0.0/16}
              ParamA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref FromParam, CidrBlock: 10.5.0.0/24, AvailabilityZone: us-east-1a}
              ParamB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref FromParam, CidrBlock: 10.5.1.0/24, AvailabilityZone: !Ref Zone}
              NoAz:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.6.0.0/16}
              NoAzSubnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref NoAz, CidrBlock: 10.6.0.0/24}
              Empty:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.7.0.0/16}
            """;

    @Test
    void cdkEnvAgnosticVpcWithTwoAzIndexesPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "Vpc8378EB38");
        assertTrue(f.message().contains("4 subnets") && f.message().contains("2 AZs"), f.message());
    }

    @Test
    void cdkMaxAzsOneFails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "SingleAzVpcB2F3E1C9");
        assertTrue(f.message().contains("only one AZ"), f.message());
    }

    @Test
    void yamlLiteralNamesIdsAndSelectIndexesAreCompared() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Literal").message().contains("us-east-1b"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "SameZone").message().contains("us-east-1a"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Ids").message().contains("use1-az2"));
        assertStatus(Status.PASS, rule, YAML, "Selects");
    }

    @Test
    void namesAndIndexesCannotBeComparedSoTheyAreUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Mixed");
        assertTrue(f.message().contains("cannot verify"), f.message());
    }

    @Test
    void unresolvedOrMissingAzIsNeverAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Zone"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "NoAz").message().contains("EC2 chooses"));
    }

    @Test
    void vpcWithoutSubnetsFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Empty").message().contains("no subnets"));
    }

    @Test
    void liveSubnetsAreMatchedByVpcId() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Resource vpc = Resource.live("AWS::EC2::VPC", "vpc-1", "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1", "eu-west-1",
                (ObjectNode) m.readTree("{\"CidrBlock\": \"10.0.0.0/16\"}"));
        Resource a = Resource.live("AWS::EC2::Subnet", "subnet-a", "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-a", "eu-west-1",
                (ObjectNode) m.readTree("{\"VpcId\": \"vpc-1\", \"AvailabilityZone\": \"eu-west-1a\", \"AvailabilityZoneId\": \"euw1-az3\"}"));
        Resource b = Resource.live("AWS::EC2::Subnet", "subnet-b", "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-b", "eu-west-1",
                (ObjectNode) m.readTree("{\"VpcId\": \"vpc-1\", \"AvailabilityZone\": \"eu-west-1b\", \"AvailabilityZoneId\": \"euw1-az1\"}"));
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet("123456789012/eu-west-1", true, List.of(vpc, a, b)), new Diagnostics());
        assertEquals(1, findings.size());
        assertEquals(Status.PASS, findings.get(0).status(), findings.get(0).message());
    }
}
