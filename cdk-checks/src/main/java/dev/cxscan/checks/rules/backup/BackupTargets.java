package dev.cxscan.checks.rules.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.rules.rds.DbClusterMembers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources an AWS Backup plan is expected to protect (REL-002): RDS DB instances and clusters (Aurora
 * included; a cluster's member instances are backed up with their cluster and are not counted on their own),
 * DynamoDB tables, EFS file systems and EBS volumes. Also what a backup selection matches them on: their ARN
 * (live: as the API returned it; templates: built from the literal physical name, or none when CloudFormation
 * generates it) and their tags.
 */
final class BackupTargets {
    /** Protected types in the order messages and the one "no plan" finding use, with their ARN shape. */
    static final Map<String, ArnShape> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("AWS::RDS::DBCluster", new ArnShape("rds", "cluster:", "DBClusterIdentifier", "Tags"));
        TYPES.put("AWS::RDS::DBInstance", new ArnShape("rds", "db:", "DBInstanceIdentifier", "Tags"));
        TYPES.put("AWS::DynamoDB::Table", new ArnShape("dynamodb", "table/", "TableName", "Tags"));
        TYPES.put("AWS::EFS::FileSystem", new ArnShape("elasticfilesystem", "file-system/", null, "FileSystemTags"));
        TYPES.put("AWS::EC2::Volume", new ArnShape("ec2", "volume/", null, "Tags"));
    }

    static final String PLAN = "AWS::Backup::BackupPlan";
    static final String SELECTION = "AWS::Backup::BackupSelection";

    /**
     * How a type's ARN is written: arn:PARTITION:SERVICE:REGION:ACCOUNT:PREFIX NAME.
     *
     * @param nameProperty the property holding the physical name, null when AWS always generates the id
     * @param tagsProperty the property holding the [{Key, Value}] tags
     */
    record ArnShape(String service, String prefix, String nameProperty, String tagsProperty) {
    }

    private BackupTargets() {
    }

    /** True for a resource an AWS Backup plan should protect (not an Aurora member instance). */
    static boolean isTarget(Resource r) {
        return TYPES.containsKey(r.type()) && !DbClusterMembers.isMember(r);
    }

    /** Every resource of the scope a plan should protect, in {@link #TYPES} order then document order. */
    static List<Resource> all(RuleContext context) {
        List<Resource> out = new ArrayList<>();
        for (String type : TYPES.keySet()) {
            context.resourcesOfType(type).stream().filter(BackupTargets::isTarget).forEach(out::add);
        }
        return out;
    }

    /**
     * The resource part of its ARN after the account ("db:prod", "table/orders", "volume/vol-1"): live from its ARN;
     * in a template from its literal physical name, empty when CloudFormation generates the name.
     */
    static Optional<String> resourcePart(Resource r) {
        ArnShape shape = TYPES.get(r.type());
        if (r.isLive()) {
            String arn = r.location().arn();
            if (arn == null) {
                return Optional.of(shape.prefix() + r.id());
            }
            String[] parts = arn.split(":", 6);
            return parts.length == 6 ? Optional.of(parts[5]) : Optional.empty();
        }
        if (shape.nameProperty() == null) {
            return Optional.empty();
        }
        return Values.text(r.property(shape.nameProperty())).map(name -> shape.prefix() + name);
    }

    /** The service of its ARN, e.g. "rds". */
    static String service(Resource r) {
        return TYPES.get(r.type()).service();
    }

    /**
     * Its tags as key -> value, or empty when they are not known: a live resource whose probe did not read its tags
     * (no tags property at all), or a template tag list built with an intrinsic.
     */
    static Optional<Map<String, String>> tags(Resource r) {
        JsonNode tags = r.property(TYPES.get(r.type()).tagsProperty());
        Map<String, String> out = new LinkedHashMap<>();
        if (Values.isAbsent(tags)) {
            return r.isLive() ? Optional.empty() : Optional.of(out);
        }
        if (!tags.isArray()) {
            return Optional.empty();
        }
        for (JsonNode t : tags) {
            Optional<String> k = Values.text(t.path("Key"));
            Optional<String> v = Values.text(t.path("Value"));
            if (k.isEmpty() || v.isEmpty()) {
                return Optional.empty();
            }
            out.put(k.get(), v.get());
        }
        return Optional.of(out);
    }

    /** "Db, Table and 3 more" for messages. */
    static String examples(List<Resource> resources, int max) {
        List<String> names = resources.stream().limit(max).map(Resource::id).toList();
        String out = String.join(", ", names);
        return resources.size() > max ? out + " and " + (resources.size() - max) + " more" : out;
    }
}
