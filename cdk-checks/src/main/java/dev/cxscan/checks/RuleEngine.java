package dev.cxscan.checks;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs rules over a resource set: one finding per evaluated (check, resource) pair, Fn::If
 * branches combined (a FAIL on any branch is a FAIL naming the branch), template suppressions
 * applied, and a rule that throws reported as ERROR rather than lost.
 */
public final class RuleEngine {
    private final List<Rule> rules;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleEngine withAllRules() {
        return new RuleEngine(Rules.all());
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Check> checks() {
        return rules.stream().map(Rule::check).toList();
    }

    public List<Finding> evaluate(ResourceSet set, Diagnostics diagnostics) {
        List<Finding> findings = new ArrayList<>();
        Map<Resource, List<Resource>> branches = new IdentityHashMap<>();
        for (Rule rule : rules) {
            for (String type : rule.resourceTypes()) {
                for (Resource resource : set.resourcesOfType(type)) {
                    List<Resource> views = branches.computeIfAbsent(resource, ConditionBranches::expand);
                    evaluate(rule, resource, views, set, diagnostics).ifPresent(findings::add);
                }
            }
        }
        return findings;
    }

    private Optional<Finding> evaluate(Rule rule, Resource resource, List<Resource> views, ResourceSet set,
                                       Diagnostics diagnostics) {
        Check check = rule.check();
        Verdict combined = null;
        for (Resource view : views) {
            Verdict v = safeEvaluate(rule, view, set);
            if (!v.applies()) {
                continue;
            }
            if (view.branch() != null && v.status() != Status.PASS) {
                v = new Verdict(v.status(), v.message() + " (" + view.branch() + ")");
            }
            combined = combined == null ? v : worse(combined, v);
        }
        if (combined == null) {
            return Optional.empty();
        }
        String message = combined.message();
        if (combined.status() == Status.FAIL) {
            List<String> nag = Suppressions.cdkNagSuppressions(resource);
            if (!nag.isEmpty()) {
                message += "; cdk-nag suppressions present (" + String.join(", ", nag)
                        + ") do not suppress cxscan checks: add a cxscan suppression if this is intended";
            }
        }
        Finding finding = Finding.of(check, combined.status(), resource.location(), message);
        if (combined.status() == Status.FAIL) {
            Optional<String> reason = Suppressions.reasonFor(resource, check.id(), diagnostics);
            if (reason.isPresent()) {
                finding = finding.suppressed(reason.get());
            }
        }
        return Optional.of(finding);
    }

    private static Verdict safeEvaluate(Rule rule, Resource view, ResourceSet set) {
        try {
            Verdict v = rule.evaluate(view, set);
            return v == null ? Verdict.error("rule " + rule.check().id() + " returned no verdict") : v;
        } catch (RuntimeException e) {
            return Verdict.error("rule " + rule.check().id() + " could not evaluate " + view.id() + ": " + e);
        }
    }

    /** FAIL beats ERROR beats PASS. */
    private static Verdict worse(Verdict a, Verdict b) {
        return rank(b.status()) > rank(a.status()) ? b : a;
    }

    private static int rank(Status s) {
        return switch (s) {
            case FAIL -> 3;
            case ERROR -> 2;
            default -> 1;
        };
    }
}
