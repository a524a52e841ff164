package dev.cxscan.scanner.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A probe for orchestrator tests: runs the given action per region and remembers where it ran. */
final class TestProbe implements Probe {
    private final String service;
    private final Scope scope;
    private final Consumer<ProbeContext> action;
    private final List<String> checks;
    final Set<String> regions = ConcurrentHashMap.newKeySet();
    private Set<String> types = EVERY_RULE_INPUT;

    TestProbe(String service, Scope scope, List<String> checks, Consumer<ProbeContext> action) {
        this.service = service;
        this.scope = scope;
        this.checks = checks;
        this.action = action;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public List<String> checks() {
        return checks;
    }

    /**
     * By default it stands in for every probe: it declares every type a rule depends on, so every live rule runs (as
     * in a real scan); {@link #reads} narrows that.
     */
    @Override
    public Set<String> resourceTypes() {
        return types;
    }

    /** Declares only {@code resourceTypes} (none: a probe of account facts). */
    TestProbe reads(String... resourceTypes) {
        this.types = Set.of(resourceTypes);
        return this;
    }

    /** Every type (live form) the registered rules depend on. */
    static final Set<String> EVERY_RULE_INPUT = everyRuleInput();

    private static Set<String> everyRuleInput() {
        Set<String> out = new java.util.TreeSet<>();
        dev.cxscan.checks.Rules.all().forEach(r -> out.addAll(LiveRuleSelection.liveInputs(r)));
        return Set.copyOf(out);
    }

    @Override
    public void read(ProbeContext context) {
        regions.add(context.region().id());
        action.accept(context);
    }

    /** A security group in CloudFormation shape, open to the world on {@code port}. */
    static Resource openSecurityGroup(String id, String region, int port) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("GroupDescription", "test");
        p.put("VpcId", "vpc-1");
        ObjectNode rule = p.putArray("SecurityGroupIngress").addObject();
        rule.put("IpProtocol", "tcp");
        rule.put("FromPort", port);
        rule.put("ToPort", port);
        rule.put("CidrIp", "0.0.0.0/0");
        return Resource.live("AWS::EC2::SecurityGroup", id, "arn:aws:ec2:" + region + ":123456789012:security-group/" + id,
                region, p);
    }

    /** A role trusted by any principal ("*"). */
    static Resource openRole(String name) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("RoleName", name);
        ObjectNode st = p.putObject("AssumeRolePolicyDocument").put("Version", "2012-10-17")
                .putArray("Statement").addObject();
        st.put("Effect", "Allow");
        st.put("Principal", "*");
        st.put("Action", "sts:AssumeRole");
        return Resource.live("AWS::IAM::Role", name, "arn:aws:iam::123456789012:role/" + name, null, p);
    }

    /** AwsClients for probes that make no call. */
    static final AwsClients NO_CLIENTS = new AwsClients() {
        @Override
        public <C extends software.amazon.awssdk.core.SdkClient> C client(Class<C> type,
                                                                         software.amazon.awssdk.regions.Region region) {
            throw new UnsupportedOperationException("no clients in this test");
        }
    };
}
