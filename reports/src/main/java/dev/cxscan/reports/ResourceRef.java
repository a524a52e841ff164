package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a finding points: a template resource (file, line, CDK path) or a live one (ARN, region).
 * Template findings use the logical id as {@code id}.
 */
@JsonPropertyOrder({"type", "id", "arn", "region", "file", "line", "cdkPath"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResourceRef(String type, String id, String arn, String region, String file, Integer line, String cdkPath) {

    public static ResourceRef template(String type, String logicalId, String file, Integer line, String cdkPath) {
        return new ResourceRef(type, logicalId, null, null, file, line, cdkPath);
    }

    public static ResourceRef live(String type, String id, String arn, String region) {
        return new ResourceRef(type, id, arn, region, null, null, null);
    }

    /** "file:line" for templates, the ARN or id for live resources. */
    public String displayLocation() {
        if (file != null) {
            return line == null ? file : file + ":" + line;
        }
        return arn != null ? arn : id;
    }
}
