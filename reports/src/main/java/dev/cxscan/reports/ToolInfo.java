package dev.cxscan.reports;

/** The "tool" block of results.json. */
public record ToolInfo(String name, String version) {
    public static ToolInfo current() {
        String version = ToolInfo.class.getPackage().getImplementationVersion();
        return new ToolInfo("cxscan", version == null ? "0.1.0-SNAPSHOT" : version);
    }
}
