package dev.cxscan.checks.rules.efs;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class EfsEncryptedTest {
    private final EfsEncrypted rule = new EfsEncrypted();

    private static final String CDK = """
            {"Resources": {
              "SharedFsB4C5D6E7": {"Type": "AWS::EFS::FileSystem", "Properties": {
                "Encrypted": true, "FileSystemTags": [{"Key": "Name", "Value": "App/SharedFs"}]},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/SharedFs/Resource"}},
              "ScratchFs1A2B3C4D": {"Type": "AWS::EFS::FileSystem", "Properties": {
                "Encrypted": false, "FileSystemTags": [{"Key": "Name", "Value": "App/ScratchFs"}]},
                "Metadata": {"aws:cdk:path": "App/ScratchFs/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Enc:
                Type: String
            Resources:
              Unset:
                Type: AWS::EFS::FileSystem
              AsString:
                Type: AWS::EFS::FileSystem
                Properties:
                  Encrypted: 'true'
              FromParameter:
                Type: AWS::EFS::FileSystem
                Properties:
                  Encrypted: !Ref Enc
            """;

    @Test
    void cdkFileSystems() {
        assertStatus(Status.PASS, rule, CDK, "SharedFsB4C5D6E7");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "ScratchFs1A2B3C4D").message().contains("Encrypted is false"));
    }

    @Test
    void yamlFileSystems() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Unset").message().contains("not set (defaults to false)"));
        assertStatus(Status.PASS, rule, YAML, "AsString");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Enc"));
    }
}
