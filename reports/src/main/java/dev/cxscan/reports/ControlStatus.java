package dev.cxscan.reports;

/**
 * The status of one checklist control, derived from its {@link ControlVerdict}. In order of precedence: FAIL,
 * ERROR, INCOMPLETE, MANUAL, ATTESTED, PASS; WAIVED replaces any of them but FAIL when a Well-Architected review
 * covers the control. docs/verdicts.md has the table a partner reads.
 */
public enum ControlStatus {
    /** Every check feeding the control ran and passed, and every piece of evidence the checklist asks for is covered. */
    PASS,
    /** An automated check failed. */
    FAIL,
    /** Nothing failed, but a check could not read or judge its data: unknown is never a pass. */
    ERROR,
    /**
     * Nothing failed, but checks feeding the control did not run in this scan (live-only checks in a template scan,
     * template-only checks in an account scan without --template): the verdict lists them and why.
     */
    INCOMPLETE,
    /** Every check ran and nothing failed, but evidence the checklist asks for is missing (a document to attach). */
    MANUAL,
    /** An imported review (for example a Well-Architected review) already covers the control. */
    WAIVED,
    /**
     * Every evidence item is covered, but only by the documents the user supplied with {@code --evidence}: no check
     * judged a resource (none of their type, or the control has only hints, as OPE-002, OPE-003 and COST-001 do), so
     * cxscan verified nothing. Never reported as PASS.
     */
    ATTESTED;

    /** One line for a partner: what this status means (the HTML tiles, Markdown, CSV and the evidence pages). */
    public String meaning() {
        return switch (this) {
            case PASS -> "every check feeding the control ran and passed, and every piece of evidence the checklist asks for is covered";
            case FAIL -> "an automated check failed";
            case ERROR -> "a check could not read or judge its data";
            case INCOMPLETE -> "nothing failed, but checks feeding the control did not run in this scan";
            case MANUAL -> "every check ran and nothing failed, but evidence the checklist asks for is missing";
            case WAIVED -> "covered by an imported Well-Architected review";
            case ATTESTED -> "covered only by documents you supplied: no check judged a resource, so cxscan verified nothing";
        };
    }
}
