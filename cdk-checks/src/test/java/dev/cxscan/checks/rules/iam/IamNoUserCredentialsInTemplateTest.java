package dev.cxscan.checks.rules.iam;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamNoUserCredentialsInTemplateTest {
    private final IamNoUserCredentialsInTemplate rule = new IamNoUserCredentialsInTemplate();

    @Test
    void cdkAccessKeyFailsOnTheKeyResource() {
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "DeployUserKeyF00BA512");
        assertTrue(f.message().contains("access key") && f.message().contains("DeployUser8A1B2C3D"), f.message());
        assertTrue(f.resource().cdkPath().equals("App/DeployUser/Key/Resource"));
    }

    @Test
    void cdkUsersWithoutPasswordOrWithSecretPass() {
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.CDK, "DeployUser8A1B2C3D").message().contains("no LoginProfile"));
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.CDK, "ConsoleUser5D6E7F80").message().contains("Secrets Manager"));
        assertNoFinding(rule, IamTemplates.CDK, "OpsAdminRoleB9A5F2C4");
    }

    @Test
    void yamlPasswords() {
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.YAML, "ParamUser").message().contains("AdminPassword"));
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "LiteralUser").message().contains("literal"));
        // a parameter default is written in the template: the engine substitutes it, so it is a literal
        assertStatus(Status.FAIL, rule, IamTemplates.YAML, "DefaultedUser");
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.YAML, "SsmSecureUser").message().contains("SecureString"));
        assertStatus(Status.PASS, rule, IamTemplates.YAML, "PlainUser");
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "CiKey").message().contains("Inactive"));
    }

    @Test
    void passwordsBuiltFromPartsAndLiveScans() throws Exception {
        String t = """
                Parameters:
                  Suffix: {Type: String}
                Resources:
                  JoinedLiteral:
                    Type: AWS::IAM::User
                    Properties:
                      LoginProfile: {Password: !Join ["", ["Spring", "2024!"]]}
                  PartlyParam:
                    Type: AWS::IAM::User
                    Properties:
                      LoginProfile: {Password: !Sub "Welcome-${Suffix}"}
                  SubSecret:
                    Type: AWS::IAM::User
                    Properties:
                      LoginProfile: {Password: !Sub "{{resolve:secretsmanager:${AWS::StackName}-console:SecretString:password}}"}
                """;
        assertStatus(Status.FAIL, rule, t, "JoinedLiteral");
        assertTrue(assertStatus(Status.FAIL, rule, t, "PartlyParam").message().contains("cannot verify"));
        assertStatus(Status.PASS, rule, t, "SubSecret");

        Resource live = Resource.live("AWS::IAM::AccessKey", "AKIAEXAMPLE", null, "us-east-1",
                new ObjectMapper().createObjectNode().put("UserName", "ci"));
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet("123456789012/us-east-1", true, List.of(live)), new Diagnostics());
        assertTrue(findings.isEmpty(), "template-only check: " + findings);
    }
}
