package dev.cxscan.checks;

import dev.cxscan.reports.Status;

/**
 * A rule's answer for one resource. {@link #notApplicable()} means the rule does not judge this
 * resource (an asymmetric key for a rotation rule, an internal load balancer for a TLS rule) and no
 * finding is written.
 */
public record Verdict(Status status, String message) {
    private static final Verdict NOT_APPLICABLE = new Verdict(Status.NOT_APPLICABLE, "");

    public static Verdict pass(String message) {
        return new Verdict(Status.PASS, message);
    }

    public static Verdict fail(String message) {
        return new Verdict(Status.FAIL, message);
    }

    /** The data needed could not be read (live probes); never a PASS. */
    public static Verdict error(String message) {
        return new Verdict(Status.ERROR, message);
    }

    /**
     * A template value the rule needs could not be resolved (a Ref to a parameter without a default,
     * an intrinsic the loader does not evaluate). Reported as FAIL so it is never a silent PASS; the
     * message names what was unknown.
     */
    public static Verdict unresolved(String what) {
        return new Verdict(Status.FAIL, "cannot verify: " + what + " is not resolvable from the template");
    }

    public static Verdict notApplicable() {
        return NOT_APPLICABLE;
    }

    public boolean applies() {
        return status != Status.NOT_APPLICABLE;
    }
}
