package dev.cxscan.scanner;

import dev.cxscan.reports.ToolInfo;
import picocli.CommandLine;

/** Prints "cxscan VERSION" from the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        ToolInfo tool = ToolInfo.current();
        return new String[] {tool.name() + " " + tool.version()};
    }
}
