package dev.cxscan.reports.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Re-computes every SHA-256 of an evidence bundle ({@code evidence.zip} or the {@code evidence/} folder) and
 * compares it with {@code manifest.json}: files changed, added (not in the manifest) or missing. What the manifest
 * cannot prove: that the manifest itself was not rewritten together with the files; keep its SHA-256 (printed by
 * {@code verify-evidence}, {@link Result#manifestSha256()}) with the submission to close that gap.
 */
public final class EvidenceVerifier {
    private EvidenceVerifier() {
    }

    /** The outcome: ok when nothing changed, nothing was added and nothing is missing. */
    public record Result(Path bundle, String manifestSha256, int filesChecked, List<String> changed, List<String> added,
                         List<String> missing) {
        public boolean ok() {
            return changed.isEmpty() && added.isEmpty() && missing.isEmpty();
        }

        /** Human-readable lines, one per problem, or one line saying the bundle verifies. */
        public List<String> report() {
            List<String> out = new ArrayList<>();
            changed.forEach(p -> out.add("CHANGED " + p));
            added.forEach(p -> out.add("ADDED   " + p));
            missing.forEach(p -> out.add("MISSING " + p));
            if (out.isEmpty()) {
                out.add("OK: " + filesChecked + " files match manifest.json (SHA-256 " + manifestSha256 + ")");
            }
            return out;
        }
    }

    /** Thrown when the bundle has no readable manifest: nothing can be verified. */
    public static final class InvalidBundleException extends IOException {
        public InvalidBundleException(String message) {
            super(message);
        }
    }

    public static Result verify(Path bundle) throws IOException {
        if (Files.isDirectory(bundle)) {
            return verifyFolder(bundle);
        }
        if (!Files.isRegularFile(bundle)) {
            throw new InvalidBundleException("no such evidence bundle: " + bundle);
        }
        return verifyZip(bundle);
    }

    private static Result verifyFolder(Path root) throws IOException {
        Path manifestFile = root.resolve(EvidenceBundleWriter.MANIFEST);
        if (!Files.isRegularFile(manifestFile) && Files.isRegularFile(root.resolve(EvidenceBundleWriter.FOLDER)
                .resolve(EvidenceBundleWriter.MANIFEST))) {
            return verifyFolder(root.resolve(EvidenceBundleWriter.FOLDER));
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidBundleException(root + " holds no " + EvidenceBundleWriter.MANIFEST);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(EvidenceBundleWriter.MANIFEST)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        actual.put(rel, Manifest.sha256(in));
                    }
                }
            }
        }
        String manifestSha;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifestSha = Manifest.sha256(in);
        }
        return compare(root, manifestSha, expected(Files.readAllBytes(manifestFile), manifestFile.toString()), actual);
    }

    private static Result verifyZip(Path zip) throws IOException {
        Map<String, String> actual = new TreeMap<>();
        byte[] manifest = null;
        String manifestName = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.getName().equals(EvidenceBundleWriter.MANIFEST)
                        || e.getName().equals(EvidenceBundleWriter.FOLDER + "/" + EvidenceBundleWriter.MANIFEST)) {
                    manifestName = e.getName();
                    try (InputStream in = z.getInputStream(e)) {
                        manifest = in.readAllBytes();
                    }
                }
            }
            if (manifest == null) {
                throw new InvalidBundleException(zip + " holds no " + EvidenceBundleWriter.MANIFEST);
            }
            String prefix = manifestName.substring(0, manifestName.length() - EvidenceBundleWriter.MANIFEST.length());
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || e.getName().equals(manifestName)) {
                    continue;
                }
                String rel = e.getName().startsWith(prefix) ? e.getName().substring(prefix.length()) : e.getName();
                if (actual.containsKey(rel)) {
                    rel = rel + " (duplicate entry)";
                }
                try (InputStream in = z.getInputStream(e)) {
                    actual.put(rel, Manifest.sha256(in));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidBundleException(zip + " is not a readable zip: " + e.getMessage());
        }
        return compare(zip, Manifest.sha256(new java.io.ByteArrayInputStream(manifest)), expected(manifest, zip.toString()), actual);
    }

    private static Map<String, String> expected(byte[] manifest, String where) throws IOException {
        JsonNode root;
        try {
            root = JsonReportWriter.mapper().readTree(manifest);
        } catch (IOException e) {
            throw new InvalidBundleException("manifest of " + where + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.path("files").isArray()) {
            throw new InvalidBundleException("manifest of " + where + " lists no files");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (JsonNode f : root.get("files")) {
            expected.put(f.path("path").asText(), f.path("sha256").asText());
        }
        return expected;
    }

    private static Result compare(Path bundle, String manifestSha, Map<String, String> expected, Map<String, String> actual) {
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        expected.forEach((path, sha) -> {
            String got = actual.get(path);
            if (got == null) {
                missing.add(path);
            } else if (!got.equalsIgnoreCase(sha)) {
                changed.add(path);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(added::add);
        return new Result(bundle, manifestSha, expected.size(), changed, added, missing);
    }
}
