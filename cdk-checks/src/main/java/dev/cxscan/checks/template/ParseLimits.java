package dev.cxscan.checks.template;

/** Limits that keep hostile or broken input from exhausting the scanner. */
public final class ParseLimits {
    /** Larger files are rejected before parsing (CloudFormation itself accepts 1 MB via S3). */
    public static final long MAX_TEMPLATE_BYTES = 50L * 1024 * 1024;
    /** Deeper nesting is rejected: no real template comes close, and deep recursion is a DoS vector. */
    public static final int MAX_NESTING_DEPTH = 500;
    /** YAML aliases allowed per document; alias bombs ("billion laughs") exceed it at once. */
    public static final int MAX_YAML_ALIASES = 100;
    /**
     * Nodes that YAML aliases may add to a document when expanded. A billion-laughs document stays
     * under {@link #MAX_YAML_ALIASES} (9 levels of 9 aliases) yet expands to 9^9 nodes; this stops it.
     */
    public static final long MAX_YAML_ALIAS_EXPANSION = 1_000_000;

    private ParseLimits() {
    }
}
