package dev.cxscan.reports;

/** The rolled-up status of one checklist control. */
public enum ControlStatus {
    PASS, FAIL, ERROR,
    /** A document is still needed, or nothing automated could judge the control. */
    MANUAL,
    /** An imported review (for example a Well-Architected review) already covers the control. */
    WAIVED,
    /**
     * The only items still missing (documents no API can judge) are covered by evidence the user supplied
     * with {@code --evidence}: attested by the user, not verified by cxscan. Never reported as PASS.
     */
    ATTESTED
}
