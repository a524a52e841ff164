package dev.cxscan.checks.rules.opensearch;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static dev.cxscan.checks.rules.opensearch.OpensearchTemplates.CDK;
import static dev.cxscan.checks.rules.opensearch.OpensearchTemplates.YAML;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class OpensearchNodeToNodeEncryptedTest {
    private final OpensearchNodeToNodeEncrypted rule = new OpensearchNodeToNodeEncrypted();

    @Test
    void cdkDomainWithTheOptionPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "SearchDomainA1B2C3D4");
        assertTrue(f.message().contains("node-to-node"), f.message());
    }

    @Test
    void cdkDomainWithoutTheOptionFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "BareDomain5E6F7A8B");
        assertTrue(f.message().contains("not set") && f.message().contains("node-to-node"), f.message());
    }

    @Test
    void legacyElasticsearchDomainsAreJudgedToo() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "LegacyOff").message().contains("is false"));
        assertStatus(Status.PASS, rule, YAML, "LegacyOn");
    }

    @Test
    void parameterWithoutDefaultIsNotAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
