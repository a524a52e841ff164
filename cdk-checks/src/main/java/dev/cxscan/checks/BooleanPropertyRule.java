package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;

/**
 * The common shape "property P must be true" (StorageEncrypted, DeletionProtection,
 * EnableKeyRotation ...). {@code whenAbsent} is what the service does when the property is
 * missing; an intrinsic the loader could not resolve is reported unresolved, never a pass.
 */
public abstract class BooleanPropertyRule extends AbstractRule {
    private final String[] path;
    private final Tri whenAbsent;

    protected BooleanPropertyRule(Check check, String resourceType, Tri whenAbsent, String... propertyPath) {
        super(check, resourceType);
        this.path = propertyPath;
        this.whenAbsent = whenAbsent;
    }

    /** Override to skip resources the rule does not judge (return false for not applicable). */
    protected boolean appliesTo(Resource resource, RuleContext context) {
        return true;
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (!appliesTo(resource, context)) {
            return Verdict.notApplicable();
        }
        JsonNode value = resource.property(path);
        String name = String.join(".", path);
        return switch (Values.bool(value, whenAbsent)) {
            case TRUE -> Verdict.pass(name + " is true" + (Values.isAbsent(value) ? " (service default)" : ""));
            case FALSE -> Verdict.fail(name + (Values.isAbsent(value) ? " is not set (defaults to false)" : " is false"));
            case UNKNOWN -> Verdict.unresolved(name + " (" + Values.describe(value) + ")");
        };
    }
}
