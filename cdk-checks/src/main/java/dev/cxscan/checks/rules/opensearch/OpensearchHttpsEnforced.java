package dev.cxscan.checks.rules.opensearch;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Values;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002 (in transit): OpenSearch Service (and Elasticsearch) domain endpoints accept HTTPS
 * only (DomainEndpointOptions.EnforceHTTPS true). Medium, like the other in-transit checks. The
 * PASS message names the TLS security policy when one is set.
 */
public final class OpensearchHttpsEnforced extends DomainFlag {
    static final Check CHECK = Check.of("opensearch_https_enforced",
            "OpenSearch and Elasticsearch domain endpoints require HTTPS", Severity.MEDIUM, "NETSEC-002",
            "Set DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}; "
                    + "in CDK: enforceHttps(true) and tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2) on the Domain props.");

    public OpensearchHttpsEnforced() {
        super(CHECK, "HTTPS-only access to the domain endpoint", "DomainEndpointOptions", "EnforceHTTPS");
    }

    @Override
    String extra(Resource domain) {
        return Values.text(domain.property("DomainEndpointOptions", "TLSSecurityPolicy"))
                .map(p -> " (TLS policy " + p + ")").orElse("");
    }
}
