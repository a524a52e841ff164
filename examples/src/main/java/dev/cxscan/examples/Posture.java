package dev.cxscan.examples;

/** Whether the constructs are built the way the competency controls ask, or with the usual shortcuts. */
public enum Posture {
    COMPLIANT, NONCOMPLIANT;

    public boolean compliant() {
        return this == COMPLIANT;
    }
}
