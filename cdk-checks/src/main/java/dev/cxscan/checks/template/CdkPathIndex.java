package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Construct paths of a cdk.out stack, by logical id, from the stack artifact's metadata (inline in
 * manifest.json, or in its additionalMetadataFile as aws-cdk-lib 2.2xx writes it). A template
 * synthesized without path metadata (plain {@code app.synth()}, or {@code cdk synth
 * --no-path-metadata}) carries no aws:cdk:path; this is where findings get their construct path then.
 */
final class CdkPathIndex {
    static final CdkPathIndex NONE = new CdkPathIndex(null, null);

    private final JsonNode inlineMetadata;
    private final Path metadataFile;

    private CdkPathIndex(JsonNode inlineMetadata, Path metadataFile) {
        this.inlineMetadata = inlineMetadata;
        this.metadataFile = metadataFile;
    }

    static CdkPathIndex of(JsonNode artifact, Path assemblyDir) {
        String file = artifact.path("additionalMetadataFile").asText("");
        JsonNode inline = artifact.path("metadata");
        return new CdkPathIndex(inline.isObject() ? inline : null, file.isEmpty() ? null : assemblyDir.resolve(file));
    }

    /** Logical id to construct path (without the leading slash); empty when nothing is known. */
    Map<String, String> load() {
        Map<String, String> paths = new HashMap<>();
        if (inlineMetadata != null) {
            collect(inlineMetadata, paths);
        }
        if (metadataFile != null && Files.isRegularFile(metadataFile)) {
            try {
                collect(JsonTemplateParser.parse(Files.readAllBytes(metadataFile)).root(), paths);
            } catch (IOException | TemplateFormatException e) {
                // construct paths are a convenience: without them findings still name file, line and logical id
            }
        }
        return paths;
    }

    private static void collect(JsonNode metadata, Map<String, String> paths) {
        Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode entry : e.getValue()) {
                if ("aws:cdk:logicalId".equals(entry.path("type").asText()) && entry.path("data").isTextual()) {
                    String path = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
                    paths.putIfAbsent(entry.path("data").textValue(), path);
                }
            }
        }
    }
}
