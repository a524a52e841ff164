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
 * cannot prove: that the manifest itself was not rewritten together with the files. Two things close that gap:
 * the signature ({@link ManifestSignature}, checked against the key the user trusts), and the manifest's SHA-256
 * ({@link Result#manifestSha256()}, printed by every scan and by {@code verify-evidence}) kept with the submission.
 */
public final class EvidenceVerifier {
    private EvidenceVerifier() {
    }

    /** The outcome: ok when nothing changed, nothing was added and nothing is missing. */
    public record Result(Path bundle, String manifestSha256, int filesChecked, List<String> changed, List<String> added,
                         List<String> missing, SignatureCheck signature) {
        /** No file changed, added or missing, and the signature (if any, or if required) holds. */
        public boolean ok() {
            return hashesMatch() && signature.ok();
        }

        public boolean hashesMatch() {
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
            out.add(signature.line());
            return out;
        }
    }

    /** Thrown when the bundle has no readable manifest: nothing can be verified. */
    public static final class InvalidBundleException extends IOException {
        public InvalidBundleException(String message) {
            super(message);
        }
    }

    /** Verifies the hashes, and a signature if there is one, without a key to trust. */
    public static Result verify(Path bundle) throws IOException {
        return verify(bundle, null);
    }

    /**
     * Verifies the hashes and the signature; with {@code trusted} the bundle must be signed by that key (an
     * unsigned bundle, or one signed by another key, does not verify).
     */
    public static Result verify(Path bundle, java.security.PublicKey trusted) throws IOException {
        if (Files.isDirectory(bundle)) {
            return verifyFolder(bundle, trusted);
        }
        if (!Files.isRegularFile(bundle)) {
            throw new InvalidBundleException("no such evidence bundle: " + bundle);
        }
        return verifyZip(bundle, trusted);
    }

    private static Result verifyFolder(Path root, java.security.PublicKey trusted) throws IOException {
        Path manifestFile = root.resolve(EvidenceBundleWriter.MANIFEST);
        if (!Files.isRegularFile(manifestFile) && Files.isRegularFile(root.resolve(EvidenceBundleWriter.FOLDER)
                .resolve(EvidenceBundleWriter.MANIFEST))) {
            return verifyFolder(root.resolve(EvidenceBundleWriter.FOLDER), trusted);
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidBundleException(root + " holds no " + EvidenceBundleWriter.MANIFEST);
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(EvidenceBundleWriter.MANIFEST) && !rel.equals(ManifestSignature.FILE)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        actual.put(rel, Manifest.sha256(in));
                    }
                }
            }
        }
        byte[] manifest = Files.readAllBytes(manifestFile);
        Path sigFile = root.resolve(ManifestSignature.FILE);
        byte[] sig = Files.isRegularFile(sigFile) ? Files.readAllBytes(sigFile) : null;
        return compare(root, Manifest.sha256(manifest), expected(manifest, manifestFile.toString()), actual,
                ManifestSignature.check(sig, manifest, trusted));
    }

    private static Result verifyZip(Path zip, java.security.PublicKey trusted) throws IOException {
        Map<String, String> actual = new TreeMap<>();
        byte[] manifest = null;
        byte[] sig = null;
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
                if (e.getName().equals(prefix + ManifestSignature.FILE) && sig == null) {
                    try (InputStream in = z.getInputStream(e)) {
                        sig = in.readAllBytes();
                    }
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
        return compare(zip, Manifest.sha256(manifest), expected(manifest, zip.toString()), actual,
                ManifestSignature.check(sig, manifest, trusted));
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

    private static Result compare(Path bundle, String manifestSha, Map<String, String> expected, Map<String, String> actual,
                                  SignatureCheck signature) {
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
        return new Result(bundle, manifestSha, expected.size(), changed, added, missing, signature);
    }
}
