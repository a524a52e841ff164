package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code evidence} object of results.json: where the evidence bundle's manifest is, its SHA-256 (the value to
 * quote in the application: it fixes every file of the bundle), and the key that signed it (null: unsigned).
 * results.json is null here when no evidence bundle was written; the bundle's own copy of results.json is null
 * here too, since a file listed in the manifest cannot hold the manifest's hash.
 */
@JsonPropertyOrder({"manifest", "manifestSha256", "signatureAlgorithm", "signerFingerprint"})
public record EvidenceBundleInfo(String manifest, String manifestSha256, String signatureAlgorithm,
                                 String signerFingerprint) {
}
