package dev.cxscan.checks;

import dev.cxscan.reports.Check;
import java.util.Set;

/** Holds a rule's metadata and resource types so that the subclass is only its logic. */
public abstract class AbstractRule implements Rule {
    private final Check check;
    private final Set<String> types;

    protected AbstractRule(Check check, String... resourceTypes) {
        this.check = check;
        this.types = Set.of(resourceTypes);
    }

    @Override
    public final Check check() {
        return check;
    }

    @Override
    public final Set<String> resourceTypes() {
        return types;
    }
}
