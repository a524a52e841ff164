package dev.cxscan.checks.rules.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The backup selections of a scope that belong to a plan of the same scope, with that plan. */
final class PlanSelections {
    record Assigned(Resource plan, Resource selection) {
    }

    private PlanSelections() {
    }

    /** The selections whose BackupPlanId resolves to a plan of the scope that has rules (a plan without rules never runs). */
    static List<Assigned> of(RuleContext context) {
        List<Assigned> out = new ArrayList<>();
        for (Resource selection : context.resourcesOfType(BackupTargets.SELECTION)) {
            Optional<Resource> plan = planOf(selection, context);
            if (plan.isPresent() && hasRules(plan.get())) {
                out.add(new Assigned(plan.get(), selection));
            }
        }
        return out;
    }

    static Optional<Resource> planOf(Resource selection, RuleContext context) {
        return context.resolveReference(selection.property("BackupPlanId"))
                .filter(p -> p.type().equals(BackupTargets.PLAN));
    }

    /** False only for a literally empty BackupPlanRule list (live plans carry no rule list and count as running). */
    static boolean hasRules(Resource plan) {
        JsonNode rules = plan.property("BackupPlan", "BackupPlanRule");
        return !(rules.isArray() && rules.isEmpty());
    }
}
