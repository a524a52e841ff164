package dev.cxscan.scanner.live;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rules a live scan runs: the ones the catalog runs live (source B) whose data the scan's probes read.
 *
 * <p>Rules judge one resource at a time, so a rule with several judged types ({@link Rule#resourceTypes()}) is
 * treated per type: it runs when the probes of the scan ({@link Probe#resourceTypes()}) read at least one of them
 * and every type it looks up across the scope ({@link Rule#lookedUpTypes()}: the alarms of a database, the plans and
 * selections of a backup check, every resource a "no backup plan" finding counts); each of its findings then rests
 * on a resource of a read type, and its NOT_APPLICABLE names only the judged types that were read (and, if any,
 * those that were not). A template-only shape whose data the live form of another type carries ({@link
 * #CARRIED_BY}: a template's AWS::IAM::RolePolicy is, live, an inline policy inside AWS::IAM::Role) counts as that
 * type. A live-capable rule that misses a looked-up type, or all its judged types, is dropped from the scan and
 * reported in {@link Selection#notEvaluated()} ("no probe reads AWS::Kinesis::Stream"); it then appears neither
 * among the checks the scan ran nor among its findings. With the registered probes every type of every live rule
 * is read (LiveRuleCoverageTest), so per-type treatment only matters for scans with fewer probes.
 */
public final class LiveRuleSelection {
    /**
     * check id -> (template-only type it judges -> the type whose live form carries the same data). Only these
     * pairs: a type judged by another rule for another purpose is not covered by them.
     */
    static final Map<String, Map<String, String>> CARRIED_BY = carriedBy();

    /**
     * @param engine       the rules the scan runs
     * @param notEvaluated check id -> why a live-capable rule was left out (the types no probe of the scan reads)
     */
    public record Selection(RuleEngine engine, Map<String, String> notEvaluated) {
    }

    private LiveRuleSelection() {
    }

    private static Map<String, Map<String, String>> carriedBy() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        // inline and attached policies: live, GetAccountAuthorizationDetails gives them inside each user, group, role
        Map<String, String> iam = Map.of("AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::RolePolicy", "AWS::IAM::Role",
                "AWS::IAM::UserPolicy", "AWS::IAM::User", "AWS::IAM::GroupPolicy", "AWS::IAM::Group");
        for (String id : List.of("iam_no_admin_policy", "iam_no_wildcard_actions", "iam_no_wildcard_resources")) {
            out.put(id, iam);
        }
        // separate ingress resources: live, DescribeSecurityGroups gives every rule inside its group
        for (String id : List.of("ec2_sg_no_public_all_traffic", "ec2_sg_no_public_admin_ports",
                "ec2_sg_public_ingress_web_only")) {
            out.put(id, Map.of("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroup"));
        }
        // block-device mappings: live, the volumes they created are judged themselves
        out.put("ebs_volume_encrypted", Map.of("AWS::EC2::Instance", "AWS::EC2::Volume", "AWS::EC2::LaunchTemplate",
                "AWS::EC2::Volume", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::Volume"));
        // a global table: live, each replica is a table of its region
        for (String id : List.of("dynamodb_kms_encrypted", "dynamodb_pitr_enabled")) {
            out.put(id, Map.of("AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table"));
        }
        return Map.copyOf(out);
    }

    /** The rules of {@code engine} a live scan with {@code probes} runs (see the class comment). */
    public static Selection select(RuleEngine engine, Collection<Probe> probes) {
        ControlCatalog catalog = ControlCatalog.bundled();
        Set<String> read = readTypes(probes);
        List<Rule> kept = new ArrayList<>();
        Map<String, String> notEvaluated = new LinkedHashMap<>();
        for (Rule rule : engine.rules()) {
            if (!catalog.check(rule.check().id()).map(CatalogCheck::runsLive).orElse(false)) {
                continue; // template-only in the catalog: the report says so from the catalog source
            }
            Set<String> missing = new TreeSet<>(liveLookedUp(rule));
            missing.removeAll(read);
            Set<String> judged = liveJudgedTypes(rule);
            if (judged.stream().noneMatch(read::contains)) {
                missing.addAll(judged);
            }
            if (missing.isEmpty()) {
                kept.add(rule);
            } else {
                notEvaluated.putIfAbsent(rule.check().id(), "no probe reads " + String.join(", ", missing));
            }
        }
        return new Selection(new RuleEngine(kept), Map.copyOf(notEvaluated));
    }

    /** Every type the probes declare. */
    public static Set<String> readTypes(Collection<Probe> probes) {
        Set<String> out = new LinkedHashSet<>();
        probes.forEach(p -> out.addAll(p.resourceTypes()));
        return out;
    }

    /** Every type {@code rule} depends on in a live scan: the ones it judges and the ones it looks up. */
    public static Set<String> liveInputs(Rule rule) {
        Set<String> out = new TreeSet<>(liveJudgedTypes(rule));
        out.addAll(liveLookedUp(rule));
        return out;
    }

    /** The types {@code rule} looks up, template-only shapes replaced by their carrier. */
    static Set<String> liveLookedUp(Rule rule) {
        Map<String, String> carried = CARRIED_BY.getOrDefault(rule.check().id(), Map.of());
        Set<String> out = new TreeSet<>();
        rule.lookedUpTypes().forEach(t -> out.add(carried.getOrDefault(t, t)));
        return out;
    }

    /** The types {@code rule} judges in a live scan: its resource types, template-only shapes replaced by their carrier. */
    public static Set<String> liveJudgedTypes(Rule rule) {
        Map<String, String> carried = CARRIED_BY.getOrDefault(rule.check().id(), Map.of());
        Set<String> out = new TreeSet<>();
        rule.resourceTypes().forEach(t -> out.add(carried.getOrDefault(t, t)));
        return out;
    }
}
