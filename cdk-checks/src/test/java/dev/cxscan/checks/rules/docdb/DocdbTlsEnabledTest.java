package dev.cxscan.checks.rules.docdb;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class DocdbTlsEnabledTest {
    private final DocdbTlsEnabled rule = new DocdbTlsEnabled();

    private static final String CDK = """
            {"Resources": {
              "DocsParams1A2B3C4D": {"Type": "AWS::DocDB::DBClusterParameterGroup",
                "Properties": {"Description": "docs", "Family": "docdb5.0", "Parameters": {"tls": "tls1.2+", "audit_logs": "enabled"}},
                "Metadata": {"aws:cdk:path": "App/DocsParams/Resource"}},
              "LooseParams5E6F7A8B": {"Type": "AWS::DocDB::DBClusterParameterGroup",
                "Properties": {"Description": "loose", "Family": "docdb5.0", "Parameters": {"tls": "disabled"}}},
              "DocsDatabaseA1B2C3D4": {"Type": "AWS::DocDB::DBCluster", "Properties": {"StorageEncrypted": true}}
            }}""";

    private static final String YAML = """
            Parameters:
              TlsMode:
                Type: String
            Resources:
              NotOverridden:
                Type: AWS::DocDB::DBClusterParameterGroup
                Properties:
                  Family: docdb3.6
                  Parameters:
                    ttl_monitor: enabled
              FromParam:
                Type: AWS::DocDB::DBClusterParameterGroup
                Properties:
                  Family: docdb3.6
                  Parameters:
                    tls: !Ref TlsMode
            """;

    @Test
    void cdkGroups() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "DocsParams1A2B3C4D").message().contains("tls1.2+"));
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "LooseParams5E6F7A8B").message().contains("disabled"));
        assertNoFinding(rule, CDK, "DocsDatabaseA1B2C3D4");
    }

    @Test
    void yamlDefaultAndIntrinsic() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "NotOverridden").message().contains("default"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
