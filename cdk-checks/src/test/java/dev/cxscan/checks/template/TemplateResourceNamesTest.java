package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Template resources are named from their literal name property and their literal tags. */
class TemplateResourceNamesTest {
    private static Map<String, ResourceRef> refs(String yaml) throws TemplateFormatException {
        return TemplateParser.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)).resources().stream()
                .collect(Collectors.toMap(Resource::id, Resource::location));
    }

    @Test
    void aSecurityGroupIsNamedByItsNameTagElseItsGroupName() throws Exception {
        Map<String, ResourceRef> r = refs("""
                Resources:
                  Tagged:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupName: web-sg
                      GroupDescription: web
                      Tags:
                        - Key: Name
                          Value: Web servers
                        - Key: team
                          Value: genai
                  Plain:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupName: db-sg
                      GroupDescription: db
                """);
        assertEquals("Web servers", r.get("Tagged").name(), "the Name tag, the name the console shows");
        assertEquals(Map.of("Name", "Web servers", "team", "genai"), r.get("Tagged").tags());
        assertEquals("db-sg", r.get("Plain").name());
        assertEquals(Map.of(), r.get("Plain").tags(), "a template entry without Tags has none");
    }

    @Test
    void aComputedNameIsNoName() throws Exception {
        Map<String, ResourceRef> r = refs("""
                Parameters:
                  BucketName:
                    Type: String
                    Default: acme-docs
                Resources:
                  FromParameter:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Ref BucketName
                  FromSub:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: !Sub '${AWS::StackName}-agent'
                      AssumeRolePolicyDocument: {}
                  Literal:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: sessions
                """);
        assertNull(r.get("FromParameter").name(), "a parameter default is not what the stack is deployed with");
        assertNull(r.get("FromSub").name());
        assertEquals("sessions", r.get("Literal").name());
    }

    @Test
    void tagsInTheMapShapeAndNonLiteralEntries() throws Exception {
        Map<String, ResourceRef> r = refs("""
                Conditions:
                  IsProd: !Equals [!Ref AWS::AccountId, '1']
                Resources:
                  Param:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Name: /app/url
                      Type: String
                      Value: x
                      Tags:
                        env: prod
                        owner: !Ref AWS::AccountId
                  Conditional:
                    Type: AWS::S3::Bucket
                    Properties:
                      Tags: !If [IsProd, [{Key: env, Value: prod}], !Ref AWS::NoValue]
                  Efs:
                    Type: AWS::EFS::FileSystem
                    Properties:
                      FileSystemTags:
                        - Key: Name
                          Value: shared-models
                        - Key: cost
                          Value: 42
                """);
        assertEquals("/app/url", r.get("Param").name());
        assertEquals(Map.of("env", "prod"), r.get("Param").tags(), "a computed value is left out, not shown as text");
        assertNull(r.get("Conditional").tags(), "Tags as a whole computed: not known");
        assertNull(r.get("Conditional").name());
        assertEquals("shared-models", r.get("Efs").name());
        assertEquals(Map.of("Name", "shared-models", "cost", "42"), r.get("Efs").tags());
    }

    @Test
    void findingsCarryTheName() throws Exception {
        Template t = TemplateParser.parse("t.yaml", """
                Resources:
                  WebSg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupName: web-sg
                      GroupDescription: web
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: 22
                          ToPort: 22
                          CidrIp: 0.0.0.0/0
                """.getBytes(StandardCharsets.UTF_8));
        List<Finding> findings = RuleEngine.withAllRules().evaluate(new ResourceSet("t.yaml", false, t.resources()), new Diagnostics());
        Finding admin = findings.stream().filter(f -> f.check().equals("ec2_sg_no_public_admin_ports")).findFirst().orElseThrow();
        assertEquals("web-sg", admin.resource().name());
        assertEquals("WebSg", admin.resource().id());
    }
}
