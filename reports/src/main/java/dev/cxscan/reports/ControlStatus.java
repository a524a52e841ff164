package dev.cxscan.reports;

/** The rolled-up status of one checklist control. */
public enum ControlStatus {
    PASS, FAIL, ERROR,
    /** A document is still needed, or nothing automated could judge the control. */
    MANUAL,
    /** An imported review (for example a Well-Architected review) already covers the control. */
    WAIVED
}
