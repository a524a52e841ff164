package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.ResourceRef;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule sees: one resource in CloudFormation shape, whether it came from a template or from
 * live API answers ("one rule, two sources"). {@code definition} is the whole template entry
 * (Type, Properties, Metadata, DeletionPolicy, UpdateReplacePolicy, Condition); live resources
 * carry only Type and Properties.
 */
public final class Resource {
    private final String type;
    private final String id;
    private final ObjectNode definition;
    private final ResourceRef location;
    private final String branch;
    private final Map<String, Boolean> conditions;

    public Resource(String type, String id, ObjectNode definition, ResourceRef location) {
        this(type, id, definition, location, null, Map.of());
    }

    private Resource(String type, String id, ObjectNode definition, ResourceRef location, String branch,
                     Map<String, Boolean> conditions) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
        this.definition = definition == null ? JsonNodeFactory.instance.objectNode() : definition;
        this.location = Objects.requireNonNull(location, "location");
        this.branch = branch;
        this.conditions = Map.copyOf(conditions);
    }

    /**
     * A live resource built from API answers: properties in CloudFormation shape. Its location carries the name and
     * tags those properties hold ({@link ResourceNames}): a probe that read no tags leaves them null.
     */
    public static Resource live(String type, String id, String arn, String region, ObjectNode properties) {
        ObjectNode def = JsonNodeFactory.instance.objectNode();
        def.put("Type", type);
        def.set("Properties", properties);
        return new Resource(type, id, def, ResourceNames.apply(ResourceRef.live(type, id, arn, region), properties, true));
    }

    /** The same resource with another definition: one branch of its Fn::If conditions. */
    public Resource withBranch(ObjectNode branchDefinition, String branchLabel) {
        return new Resource(type, id, branchDefinition, location, branchLabel, conditions);
    }

    /**
     * The same resource with another definition: the branch of its Fn::If conditions chosen by
     * {@code conditionValues} (condition name -> value), which {@link #conditionValue} answers from.
     */
    public Resource withBranch(ObjectNode branchDefinition, String branchLabel, Map<String, Boolean> conditionValues) {
        return new Resource(type, id, branchDefinition, location, branchLabel, conditionValues);
    }

    /** CloudFormation type, e.g. AWS::S3::Bucket. */
    public String type() {
        return type;
    }

    /** Logical id for template resources; physical id (name, id) for live ones. */
    public String id() {
        return id;
    }

    public ObjectNode definition() {
        return definition;
    }

    /** The Properties object; empty when the template declares none. */
    public JsonNode properties() {
        JsonNode p = definition.get("Properties");
        return p == null || !p.isObject() ? JsonNodeFactory.instance.objectNode() : p;
    }

    /** A property by path ("BucketEncryption", "ServerSideEncryptionConfiguration"); MissingNode if absent. */
    public JsonNode property(String... path) {
        JsonNode node = properties();
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }

    /** True when the property exists and is not JSON null. */
    public boolean has(String... path) {
        JsonNode n = property(path);
        return !n.isMissingNode() && !n.isNull();
    }

    /** A top-level attribute of the template entry: DeletionPolicy, UpdateReplacePolicy, Metadata. */
    public JsonNode attribute(String name) {
        JsonNode n = definition.get(name);
        return n == null ? MissingNode.getInstance() : n;
    }

    /**
     * The value this view assumes for a condition of the template: present only for the conditions
     * of the Fn::If expressions this resource's branch was chosen by, empty otherwise.
     */
    public Optional<Boolean> conditionValue(String conditionName) {
        return Optional.ofNullable(conditions.get(conditionName));
    }

    public ResourceRef location() {
        return location;
    }

    /** The Fn::If branch this view represents ("condition IsProd = false"), or null. */
    public String branch() {
        return branch;
    }

    public boolean isLive() {
        return location.file() == null && location.cdkPath() == null && (location.arn() != null || location.region() != null);
    }

    @Override
    public String toString() {
        return type + " " + id + (branch == null ? "" : " [" + branch + "]");
    }
}
