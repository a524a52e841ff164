package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a finding points: a template resource (file, line, CDK path) or a live one (ARN, region).
 * Template findings use the logical id as {@code id}.
 *
 * <p>{@code name} and {@code tags} say what a person calls the resource; they describe it and do not identify it.
 * {@code name} is the literal {@code Name} tag when the resource has one, else the service's own name (GroupName,
 * BucketName, RoleName, DBInstanceIdentifier, ...), null when there is none or it is not a literal.
 * {@code tags} is key to value, sorted by key; empty when the resource has no tags, null when its tags were not
 * read (a live probe that does not read them, a type that has none). Equality and hash code use only the fields
 * that locate the resource (type, id, ARN, region, file, line, CDK path): a location without its name (an older
 * checkpoint part, a finding built from another read of the same resource) still groups with the named one.
 */
@JsonPropertyOrder({"type", "id", "arn", "region", "file", "line", "cdkPath", "name", "tags"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResourceRef(String type, String id, String arn, String region, String file, Integer line, String cdkPath,
                          String name, Map<String, String> tags) {

    /** The type of account-level findings (results.json keeps it as is; people read {@link #displayId()}). */
    public static final String ACCOUNT_TYPE = "AWS::::Account";

    public ResourceRef {
        tags = tags == null ? null : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A location with neither name nor tags. */
    public ResourceRef(String type, String id, String arn, String region, String file, Integer line, String cdkPath) {
        this(type, id, arn, region, file, line, cdkPath, null, null);
    }

    public static ResourceRef template(String type, String logicalId, String file, Integer line, String cdkPath) {
        return new ResourceRef(type, logicalId, null, null, file, line, cdkPath);
    }

    public static ResourceRef live(String type, String id, String arn, String region) {
        return new ResourceRef(type, id, arn, region, null, null, null);
    }

    /** The same location with this name and these tags. */
    public ResourceRef named(String name, Map<String, String> tags) {
        return new ResourceRef(type, id, arn, region, file, line, cdkPath, name, tags);
    }

    /** The same resource in a template found at another path (how a report shows the path, see ShownPath). */
    public ResourceRef withFile(String path) {
        return new ResourceRef(type, id, arn, region, path, line, cdkPath, name, tags);
    }

    /** The same resource under another CDK path. */
    public ResourceRef withCdkPath(String path) {
        return new ResourceRef(type, id, arn, region, file, line, path, name, tags);
    }

    /** "file:line" for templates, the ARN or id for live resources. */
    public String displayLocation() {
        if (file != null) {
            return line == null ? file : file + ":" + line;
        }
        return arn != null ? arn : id;
    }

    /** Whether this is the account itself (an account-level finding), not a resource in it. */
    @JsonIgnore // not a results.json field: the type says it
    public boolean isAccount() {
        return ACCOUNT_TYPE.equals(type);
    }

    /** What a person calls it: "AWS account 123456789012" for the account, else the id (logical id, resource id). */
    public String displayId() {
        if (!isAccount()) {
            return id;
        }
        // the live probes use "account" when the caller's account id was not read
        return id == null || id.isBlank() || id.equals("account") ? "AWS account (id unknown)" : "AWS account " + id;
    }

    /** The type as people read it: "account-level" for the account, else the CloudFormation type. */
    public String displayType() {
        return isAccount() ? "account-level" : type;
    }

    /** The name when it says more than the id (null when there is none or it is the id itself, as for a bucket). */
    public String distinctName() {
        return name == null || name.isBlank() || name.equals(id) ? null : name;
    }

    /** "key=value; key=value", empty when there are no tags or they were not read. */
    public String tagsText() {
        if (tags == null || tags.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        tags.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ResourceRef r && Objects.equals(type, r.type) && Objects.equals(id, r.id)
                && Objects.equals(arn, r.arn) && Objects.equals(region, r.region) && Objects.equals(file, r.file)
                && Objects.equals(line, r.line) && Objects.equals(cdkPath, r.cdkPath));
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, arn, region, file, line, cdkPath);
    }
}
