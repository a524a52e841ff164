package dev.cxscan.reports;

/** The outcome of one (check, resource) evaluation. */
public enum Status {
    PASS,
    FAIL,
    /** A template or construct suppression with a non-empty reason. */
    SUPPRESSED,
    /** The data could not be read or evaluated; the message says why. Never silently a PASS. */
    ERROR,
    /** Live scans: the check found no resource of its type. */
    NOT_APPLICABLE,
    /** A hint for a MANUAL control; neither passes nor fails. */
    INFO
}
