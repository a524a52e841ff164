package dev.cxscan.checks.rules.docdb;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class DocdbClusterEncryptedTest {
    private final DocdbClusterEncrypted rule = new DocdbClusterEncrypted();

    private static final String CDK = """
            {"Resources": {
              "DocsDatabaseA1B2C3D4": {"Type": "AWS::DocDB::DBCluster",
                "Properties": {"MasterUsername": "admin", "MasterUserPassword": "x", "StorageEncrypted": true,
                  "DBSubnetGroupName": {"Ref": "DocsDatabaseSubnets1A2B3C4D"}},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/DocsDatabase/Resource"}},
              "PlainDatabase5E6F7A8B": {"Type": "AWS::DocDB::DBCluster",
                "Properties": {"MasterUsername": "admin", "MasterUserPassword": "x"}}
            }}""";

    private static final String YAML = """
            Resources:
              Disabled:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: "false"
              Odd:
                Type: AWS::DocDB::DBCluster
                Properties:
                  StorageEncrypted: !GetAtt Something.Value
            """;

    @Test
    void cdkClusterPassesAndPlainFails() {
        assertStatus(Status.PASS, rule, CDK, "DocsDatabaseA1B2C3D4");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "PlainDatabase5E6F7A8B").message().contains("StorageEncrypted"));
    }

    @Test
    void yamlStringFalseAndIntrinsic() {
        assertStatus(Status.FAIL, rule, YAML, "Disabled");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Odd").message().contains("cannot verify"));
    }
}
