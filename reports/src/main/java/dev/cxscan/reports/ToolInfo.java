package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The "tool" block of results.json: the name, the version and the git commit the build was made from.
 *
 * <p>The build writes {@code build.properties} (reports/pom.xml, antrun running git): the pom version, the tag on the
 * commit when there is one, and the commit. A build from a tagged commit is that release ({@code v0.2.0} gives
 * {@code 0.2.0}, no -SNAPSHOT); any other build keeps the pom version. A build outside a git checkout, or without
 * git, says commit {@code unknown}: the report never claims a commit nobody recorded.
 */
@JsonPropertyOrder({"name", "version", "commit"})
public record ToolInfo(String name, String version, String commit) {
    public static final String UNKNOWN = "unknown";
    private static final String BUILD_PROPERTIES = "build.properties";

    private static final ToolInfo CURRENT = fromBuild(loadBuildProperties());

    public static ToolInfo current() {
        return CURRENT;
    }

    /** The identity these build properties record ({@code pom.version}, {@code git.tag}, {@code git.commit}). */
    public static ToolInfo fromBuild(Properties build) {
        String pomVersion = blankToNull(build.getProperty("pom.version"));
        String tag = blankToNull(build.getProperty("git.tag"));
        String commit = blankToNull(build.getProperty("git.commit"));
        String version;
        if (tag != null) {
            version = tag.length() > 1 && tag.charAt(0) == 'v' && Character.isDigit(tag.charAt(1)) ? tag.substring(1) : tag;
        } else if (pomVersion != null) {
            version = pomVersion;
        } else {
            String manifest = ToolInfo.class.getPackage().getImplementationVersion();
            version = manifest == null ? UNKNOWN : manifest;
        }
        return new ToolInfo("cxscan", version, commit == null ? UNKNOWN : commit);
    }

    /** "0.2.0 (commit 1a2b3c4d5e6f)", or "0.2.0 (commit unknown)": the version as people read it. */
    public String versionWithCommit() {
        return version + " (commit " + shortCommit() + ")";
    }

    /** The first 12 hex digits of the commit, or "unknown". */
    public String shortCommit() {
        return commit == null ? UNKNOWN : commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static Properties loadBuildProperties() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the build's " + BUILD_PROPERTIES, e);
        }
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
