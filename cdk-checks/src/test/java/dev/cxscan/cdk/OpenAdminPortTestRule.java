package dev.cxscan.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.ControlCatalog;

/**
 * A deliberately small stand-in for ec2_sg_no_public_admin_ports (catalog id, severity and
 * controls), so the aspect's error path is tested whichever rules this branch ships: FAIL when an
 * inline ingress from 0.0.0.0/0 covers port 22.
 */
final class OpenAdminPortTestRule extends AbstractRule {
    static final CatalogCheck CATALOG = ControlCatalog.bundled().check("ec2_sg_no_public_admin_ports").orElseThrow();
    static final Check CHECK = new Check(CATALOG.id(), "no ingress from anywhere to admin ports", CATALOG.severity(),
            CATALOG.controls(), "Restrict SSH ingress to a known CIDR or use Session Manager.");

    OpenAdminPortTestRule() {
        super(CHECK, "AWS::EC2::SecurityGroup");
    }

    @Override
    public Verdict evaluate(Resource sg, RuleContext context) {
        for (JsonNode rule : Values.list(sg.property("SecurityGroupIngress"))) {
            boolean anywhere = "0.0.0.0/0".equals(rule.path("CidrIp").asText());
            int from = rule.path("FromPort").asInt(-1);
            int to = rule.path("ToPort").asInt(-1);
            if (anywhere && from <= 22 && 22 <= to) {
                return Verdict.fail("ingress from 0.0.0.0/0 to port 22");
            }
        }
        return Verdict.pass("no ingress from anywhere to port 22");
    }
}
