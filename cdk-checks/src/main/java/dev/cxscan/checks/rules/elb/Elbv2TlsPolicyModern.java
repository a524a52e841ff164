package dev.cxscan.checks.rules.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * NETSEC-002: HTTPS and TLS listeners (AWS::ElasticLoadBalancingV2::Listener) use a security policy
 * that refuses TLS 1.0 and 1.1. Other protocols are not applicable. Internal load balancers are
 * judged too: the requirement is about the protocol, not the exposure.
 *
 * <p>SslPolicy absent fails: for listeners created through the API, CloudFormation or CDK, Elastic
 * Load Balancing applies ELBSecurityPolicy-2016-08, which allows TLS 1.0 and 1.1 (only the console
 * pre-selects a TLS 1.3 policy). Policies are judged against the explicit lists below, taken from
 * the ALB and NLB security-policy tables; a name on neither list is judged by its name (the families
 * TLS13-1-2, TLS13-1-3, TLS-1-2, FS-1-2 start at TLS 1.2) and otherwise fails as unknown. Classic
 * load balancers, whose policies are SSLNegotiationPolicyType documents, are not covered here.
 */
public final class Elbv2TlsPolicyModern extends AbstractRule {
    static final Check CHECK = Check.of("elbv2_tls_policy_modern",
            "HTTPS/TLS listeners use a security policy without TLS 1.0/1.1", Severity.MEDIUM, "NETSEC-002",
            "Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, a FIPS "
                    + "variant, or TLS13-1-3 for TLS 1.3 only); in CDK: .sslPolicy(SslPolicy.RECOMMENDED_TLS) or "
                    + "SslPolicy.TLS13_RES. Leaving it out gives ELBSecurityPolicy-2016-08.");

    /** The policy Elastic Load Balancing applies when CloudFormation gives no SslPolicy. */
    static final String CLOUDFORMATION_DEFAULT = "ELBSecurityPolicy-2016-08";

    /** Predefined ELBv2 policies whose lowest protocol is TLS 1.0 or 1.1. */
    static final Set<String> LEGACY = Set.of(
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-2018-06",
            "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09");

    /** Predefined ELBv2 policies that start at TLS 1.2 or 1.3. */
    static final Set<String> MODERN = Set.of(
            "ELBSecurityPolicy-TLS-1-2-2017-01",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
            "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07",
            "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09");

    private static final Pattern MODERN_FAMILY = Pattern.compile("ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-[23]|FS-1-[23])-.*");
    private static final Pattern LEGACY_FAMILY = Pattern.compile("ELBSecurityPolicy-(TLS13-1-[01]|TLS-1-[01]|FS-1-[01])-.*|ELBSecurityPolicy-\\d{4}-\\d{2}");

    public Elbv2TlsPolicyModern() {
        super(CHECK, "AWS::ElasticLoadBalancingV2::Listener");
    }

    @Override
    public Verdict evaluate(Resource listener, RuleContext context) {
        JsonNode protocolNode = listener.property("Protocol");
        if (Values.isIntrinsic(protocolNode)) {
            return Verdict.unresolved("Protocol (" + Values.describe(protocolNode) + ")");
        }
        String protocol = Values.text(protocolNode).map(p -> p.toUpperCase(Locale.ROOT)).orElse("");
        if (!protocol.equals("HTTPS") && !protocol.equals("TLS")) {
            return Verdict.notApplicable();
        }
        JsonNode policy = listener.property("SslPolicy");
        if (Values.isAbsent(policy)) {
            return Verdict.fail("no SslPolicy on this " + protocol + " listener: CloudFormation applies " + CLOUDFORMATION_DEFAULT
                    + ", which allows TLS 1.0 and 1.1");
        }
        if (Values.isIntrinsic(policy) || Values.text(policy).isEmpty()) {
            return Verdict.unresolved("SslPolicy (" + Values.describe(policy) + ")");
        }
        String name = Values.text(policy).get().trim();
        if (MODERN.contains(name)) {
            return Verdict.pass("SslPolicy " + name + " allows TLS 1.2 and later only");
        }
        if (LEGACY.contains(name) || LEGACY_FAMILY.matcher(name).matches()) {
            return Verdict.fail("SslPolicy " + name + " allows TLS 1.0 or 1.1");
        }
        if (MODERN_FAMILY.matcher(name).matches()) {
            return Verdict.pass("SslPolicy " + name + " (not in cxscan's list; its family starts at TLS 1.2)");
        }
        return Verdict.fail("SslPolicy " + name + " is not a known Elastic Load Balancing policy with TLS 1.2 as minimum");
    }
}
