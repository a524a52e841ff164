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

    /** Longer JSON numbers are rejected (Jackson's own default; YAML reads a number over 1024 characters as text). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * Longest run of YAML without a space or line break: SnakeYAML reads one in time quadratic in its
     * length (a 256 KB run costs about 30 ms, a 6 MB one 45 s).
     */
    public static final int MAX_YAML_TOKEN_BYTES = 256 * 1024;

    private ParseLimits() {
    }
}
