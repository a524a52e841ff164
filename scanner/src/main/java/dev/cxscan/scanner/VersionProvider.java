package dev.cxscan.scanner;

import dev.cxscan.reports.ToolInfo;
import picocli.CommandLine;

/** Prints "cxscan VERSION" and the commit the build was made from (ToolInfo: the build's build.properties). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        ToolInfo tool = ToolInfo.current();
        return new String[] {tool.name() + " " + tool.version(), "commit " + tool.commit()};
    }
}
