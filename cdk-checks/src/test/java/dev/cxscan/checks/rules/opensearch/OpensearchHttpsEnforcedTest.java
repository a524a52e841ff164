package dev.cxscan.checks.rules.opensearch;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static dev.cxscan.checks.rules.opensearch.OpensearchTemplates.CDK;
import static dev.cxscan.checks.rules.opensearch.OpensearchTemplates.YAML;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class OpensearchHttpsEnforcedTest {
    private final OpensearchHttpsEnforced rule = new OpensearchHttpsEnforced();

    @Test
    void cdkDomainWithTheOptionPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "SearchDomainA1B2C3D4");
        assertTrue(f.message().contains("TLS policy Policy-Min-TLS-1-2-2019-07"), f.message());
    }

    @Test
    void cdkDomainWithoutTheOptionFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "BareDomain5E6F7A8B");
        assertTrue(f.message().contains("not set") && f.message().contains("HTTPS"), f.message());
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
