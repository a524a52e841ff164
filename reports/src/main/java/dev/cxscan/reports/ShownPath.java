package dev.cxscan.reports;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A template path as the human-facing reports show it (HTML header and findings, evidence index, Markdown): relative to
 * the working folder when the path given was absolute and lies under it, so a report shows
 * {@code cdk.out/App.template.json}, not {@code /home/alice/work/app/cdk.out/App.template.json}. Any other path is
 * shown as given. results.json and SARIF keep their own contracts (results.json: the path as found from the path
 * given on the command line).
 */
public final class ShownPath {
    private ShownPath() {
    }

    /** Relative to the process's working folder ({@code user.dir}). */
    public static String of(String path) {
        return of(path, Path.of(System.getProperty("user.dir")));
    }

    /** Relative to {@code workingFolder} when {@code path} is absolute and under it, else {@code path} unchanged. */
    public static String of(String path, Path workingFolder) {
        if (path == null || path.isEmpty()) {
            return path;
        }
        try {
            Path p = Path.of(path);
            Path wd = workingFolder.toAbsolutePath().normalize();
            if (!p.isAbsolute() || !p.normalize().startsWith(wd) || p.normalize().equals(wd)) {
                return path;
            }
            return wd.relativize(p.normalize()).toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            return path; // not a path this file system knows: shown as given
        }
    }

    /** The resource's location with its template path shown relative to the working folder. */
    public static String location(ResourceRef r) {
        if (r == null) {
            return null;
        }
        return r.file() == null ? r.displayLocation() : r.withFile(of(r.file())).displayLocation();
    }
}
