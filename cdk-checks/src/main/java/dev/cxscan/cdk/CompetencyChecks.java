package dev.cxscan.cdk;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The cxscan checks as a CDK aspect: {@code Aspects.of(app).add(new CompetencyChecks())}.
 *
 * <p>It runs the same rules as {@code cxscan template} on the CloudFormation each stack
 * synthesizes to, so a stack's findings equal those of {@code cxscan template} on its
 * {@code <stack>.template.json}, cross-resource checks included. A FAIL at or above
 * {@link Builder#failOn(Severity) failOn} (default HIGH) becomes an error annotation on the
 * construct (so {@code cdk synth} exits non-zero and {@code Annotations.fromStack(stack)} finds it),
 * a lower FAIL a warning (acknowledgeable as {@code cxscan:<check id>}). With
 * {@link Builder#reports(boolean) reports} on (default) each stack also writes
 * {@code <stack artifact id>.cxscan.json}, in the results.json shape, into the cloud assembly folder.
 *
 * <p>How: visiting a construct only registers its stack (and, for an aspect added below a stack,
 * the resources in scope); that part runs inside the jsii kernel (see {@link StackAspectBase}), so
 * CDK's visit of every construct costs no call into Java. The evaluation runs once per stack as a
 * validation of the stack, i.e.
 * after every aspect has run (whatever its {@code AspectPriority}) and after the app has been
 * prepared (cross-stack references and dependencies resolved), right before the templates are
 * written. The template is read in memory with {@code Stack._toCloudFormation()} (see
 * {@link TemplateBridge}), exactly the object the synthesizer writes, escape-hatch overrides
 * included. Synthesis with {@code skipValidation} therefore skips the checks too.
 *
 * <p>Scope: an aspect added to an App, a Stage's child or a Stack reports on every resource of each
 * stack it reaches; an aspect added to a construct inside a stack reports only on the resources under
 * that construct (the rules still see the whole stack, for cross-resource checks). Aspects do not
 * cross Stage boundaries: add it to each Stage too.
 *
 * <p>Suppress a check on a construct with {@link #suppress(IConstruct, String, String)}: it writes
 * the {@code cxscan} metadata that {@code cxscan template} honours as well.
 */
public final class CompetencyChecks extends StackAspectBase {
    private final Severity failOn;
    private final boolean reports;
    private final RuleEngine engine;
    /** Remediation by check id, without a final full stop (one lookup per annotation). */
    private final Map<String, String> remediations = new HashMap<>();
    private final Map<Stack, StackChecks> stacks = Collections.synchronizedMap(new WeakHashMap<>());

    /** failOn HIGH, reports on, every rule on the classpath. */
    public CompetencyChecks() {
        this(new Builder());
    }

    private CompetencyChecks(Builder builder) {
        this.failOn = builder.failOn;
        this.reports = builder.reports;
        this.engine = builder.rules == null ? DefaultRules.ENGINE : new RuleEngine(builder.rules);
        for (var check : engine.checks()) {
            String r = check.remediation().strip();
            remediations.putIfAbsent(check.id(), r.endsWith(".") ? r.substring(0, r.length() - 1) : r);
        }
    }

    /** Every rule on the classpath, loaded once per JVM (rules are stateless; loading them is not free). */
    private static final class DefaultRules {
        static final RuleEngine ENGINE = new RuleEngine(Rules.all());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Severity failOn() {
        return failOn;
    }

    public boolean reports() {
        return reports;
    }

    RuleEngine engine() {
        return engine;
    }

    /** The remediation of a check, without a final full stop. */
    String remediation(String checkId) {
        return remediations.getOrDefault(checkId, "");
    }

    /**
     * Called by the JavaScript half once per stack and synthesis, when the stack synthesizer renders
     * the template (after validation).
     *
     * @param scope    null when the aspect covers the whole stack, else a JSON list of the construct
     *                 paths of the resources it visited
     * @param rendered the construct path of each resource by logical id and the template being
     *                 written, as JSON text (see {@link TemplateBridge.Rendered})
     * @return the annotations for the bridge to add, or null
     */
    protected String checkStack(Stack stack, String scope, String rendered) {
        return checksFor(stack).run(scope, rendered);
    }

    /**
     * The result of the last evaluation of {@code stack} by this aspect (the content of its
     * {@code .cxscan.json}), empty before synthesis.
     */
    public Optional<ScanResult> result(Stack stack) {
        StackChecks checks = stacks.get(stack);
        return checks == null ? Optional.empty() : Optional.ofNullable(checks.lastResult());
    }

    private StackChecks checksFor(Stack stack) {
        return stacks.computeIfAbsent(stack, s -> new StackChecks(this, s));
    }

    /**
     * Suppresses {@code checkId} on the CloudFormation resource of {@code construct} (the construct
     * itself if it is a CfnResource, else its default child), by writing
     * {@code Metadata: {cxscan: {suppressions: [{id, reason}]}}}. The finding is then SUPPRESSED
     * (no annotation), in the aspect and in {@code cxscan template} alike.
     *
     * @throws IllegalArgumentException when the reason is empty, the check id unknown, or the
     *                                  construct has no CloudFormation resource (use the
     *                                  {@code applyToChildren} variant for those)
     */
    public static void suppress(IConstruct construct, String checkId, String reason) {
        suppress(construct, checkId, reason, false);
    }

    /**
     * Like {@link #suppress(IConstruct, String, String)}; with {@code applyToChildren} the suppression
     * is written on every CfnResource at or under {@code construct} (e.g. all resources of an L3
     * construct or of a whole stack).
     */
    public static void suppress(IConstruct construct, String checkId, String reason, boolean applyToChildren) {
        Objects.requireNonNull(construct, "construct");
        if (checkId == null || checkId.isBlank()) {
            throw new IllegalArgumentException("a cxscan suppression needs the check id");
        }
        if (ControlCatalog.bundled().check(checkId.trim()).isEmpty()) {
            throw new IllegalArgumentException("unknown cxscan check id '" + checkId + "'");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a cxscan suppression of " + checkId + " on "
                    + construct.getNode().getPath() + " needs a reason");
        }
        List<CfnResource> targets = new ArrayList<>();
        if (applyToChildren) {
            for (IConstruct c : construct.getNode().findAll()) {
                if (c instanceof CfnResource r) {
                    targets.add(r);
                }
            }
        } else if (construct instanceof CfnResource r) {
            targets.add(r);
        } else if (construct.getNode().getDefaultChild() instanceof CfnResource r) {
            targets.add(r);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(construct.getNode().getPath() + " has no CloudFormation resource"
                    + (applyToChildren ? "" : " of its own (pass applyToChildren=true for its children)"));
        }
        for (CfnResource target : targets) {
            SuppressionMetadata.add(target, checkId.trim(), reason.trim());
        }
    }

    /** Builds a {@link CompetencyChecks}: {@code failOn(Severity.HIGH).reports(true)} by default. */
    public static final class Builder {
        private Severity failOn = Severity.HIGH;
        private boolean reports = true;
        private List<Rule> rules;

        private Builder() {
        }

        /** FAILs at or above this severity become errors, lower ones warnings. */
        public Builder failOn(Severity severity) {
            this.failOn = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** Whether each stack writes {@code <stack>.cxscan.json} into the cloud assembly folder. */
        public Builder reports(boolean reports) {
            this.reports = reports;
            return this;
        }

        /** The rules to run instead of every rule on the classpath ({@code Rules.all()}). */
        public Builder rules(List<? extends Rule> rules) {
            this.rules = List.copyOf(rules);
            return this;
        }

        public CompetencyChecks build() {
            return new CompetencyChecks(this);
        }
    }

    static Map<String, Object> suppressionEntry(String id, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("reason", reason);
        return entry;
    }
}
