package dev.cxscan.checks.rules.docdb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002 (in transit): DocumentDB cluster parameter groups do not disable TLS. The tls
 * parameter is "enabled" in the default group, so a group that does not set it passes; "disabled"
 * fails; enabled, fips-140-3, tls1.2+ and tls1.3+ pass. Clusters without a custom group use the
 * default group and are therefore not judged. Medium, like the other in-transit checks.
 */
public final class DocdbTlsEnabled extends AbstractRule {
    static final Check CHECK = Check.of("docdb_tls_enabled",
            "DocumentDB cluster parameter groups keep TLS enabled", Severity.MEDIUM, "NETSEC-002",
            "Remove tls: disabled from the AWS::DocDB::DBClusterParameterGroup Parameters (or set it to enabled, "
                    + "tls1.2+ or tls1.3+) and reboot the instances.");

    public DocdbTlsEnabled() {
        super(CHECK, "AWS::DocDB::DBClusterParameterGroup");
    }

    @Override
    public Verdict evaluate(Resource group, RuleContext context) {
        JsonNode params = group.property("Parameters");
        if (Values.isIntrinsic(params)) {
            return Verdict.unresolved("Parameters (" + Values.describe(params) + ")");
        }
        JsonNode tls = params.path("tls");
        if (Values.isAbsent(tls)) {
            return Verdict.pass("tls is not overridden: the DocumentDB default (enabled) applies");
        }
        if (Values.isIntrinsic(tls) || Values.text(tls).isEmpty()) {
            return Verdict.unresolved("tls (" + Values.describe(tls) + ")");
        }
        String value = Values.text(tls).get().trim();
        if (value.equalsIgnoreCase("disabled")) {
            return Verdict.fail("tls is disabled: clients may connect to the cluster without TLS");
        }
        return Verdict.pass("tls is " + value);
    }
}
