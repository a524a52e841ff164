package dev.cxscan.checks.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.Rules;
import dev.cxscan.checks.rules.autoscaling.AsgMultiAz;
import dev.cxscan.checks.rules.ec2.Ec2DefaultSgClosed;
import dev.cxscan.checks.rules.ec2.Ec2NaclNoPublicAdminPorts;
import dev.cxscan.checks.rules.ec2.Ec2SgNoPublicAdminPorts;
import dev.cxscan.checks.rules.ec2.Ec2SgNoPublicAllTraffic;
import dev.cxscan.checks.rules.ec2.Ec2SgPublicIngressWebOnly;
import dev.cxscan.checks.rules.elasticache.ElasticacheMultiAz;
import dev.cxscan.checks.rules.elb.ElbMultiAz;
import dev.cxscan.checks.rules.rds.RdsMultiAz;
import dev.cxscan.checks.rules.vpc.VpcFlowLogsEnabled;
import dev.cxscan.checks.rules.vpc.VpcSubnetsMultiAz;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NETSEC-001 and DOC-001 rules carry CHECKS.md's severity and controls and are registered. */
class NetworkRulesCatalogTest {
    private static final List<Rule> RULES = List.of(new Ec2SgNoPublicAllTraffic(), new Ec2SgNoPublicAdminPorts(),
            new Ec2SgPublicIngressWebOnly(), new Ec2DefaultSgClosed(), new Ec2NaclNoPublicAdminPorts(), new VpcFlowLogsEnabled(),
            new RdsMultiAz(), new VpcSubnetsMultiAz(), new AsgMultiAz(), new ElbMultiAz(), new ElasticacheMultiAz());

    @Test
    void metadataEqualsTheCatalog() {
        ControlCatalog catalog = ControlCatalog.bundled();
        for (Rule rule : RULES) {
            CatalogCheck c = catalog.check(rule.check().id()).orElseThrow(() -> new AssertionError(rule.check().id() + " not in catalog"));
            assertEquals(c.severity(), rule.check().severity(), c.id());
            assertEquals(c.controls(), rule.check().controls(), c.id());
            assertTrue(c.runsOnTemplates(), c.id());
            assertTrue(!rule.check().remediation().isBlank(), c.id());
        }
    }

    @Test
    void everyRuleIsRegistered() {
        List<String> registered = Rules.all().stream().map(r -> r.getClass().getName()).toList();
        for (Rule rule : RULES) {
            assertTrue(registered.contains(rule.getClass().getName()), rule.getClass().getName());
        }
    }
}
