package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.ResourceRef;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person calls a resource, read from its properties in CloudFormation shape, so that one table serves
 * templates and live probes alike (the probes write the same property names).
 *
 * <ul>
 *   <li>name: the {@code Name} tag when the resource has one, else the service's own name ({@link #NAME_PROPERTY}:
 *       GroupName, BucketName, RoleName, DBInstanceIdentifier, TableName, ...); null when there is neither. Only a
 *       literal string counts: a Ref, Fn::Sub or Fn::Join name is what the stack will compute, not a name, so it
 *       stays null rather than being shown half resolved (parameter defaults are not substituted either).</li>
 *   <li>tags: the literal entries of {@code Tags} (or FileSystemTags, BackupPlanTags, BackupVaultTags), in the
 *       list-of-Key/Value or the map shape; entries whose key or value is not a literal are left out. A template
 *       resource without a tag property has no tags (an empty map); a live resource without one had its tags not
 *       read (null), as has one whose Tags is itself an intrinsic function.</li>
 * </ul>
 */
public final class ResourceNames {
    /** The property that holds the service's own name, per type; a nested one as a path. */
    static final Map<String, List<String>> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::EC2::SecurityGroup", List.of("GroupName")),
            Map.entry("AWS::EC2::LaunchTemplate", List.of("LaunchTemplateName")),
            Map.entry("AWS::S3::Bucket", List.of("BucketName")),
            Map.entry("AWS::IAM::User", List.of("UserName")),
            Map.entry("AWS::IAM::Role", List.of("RoleName")),
            Map.entry("AWS::IAM::Group", List.of("GroupName")),
            Map.entry("AWS::IAM::ManagedPolicy", List.of("ManagedPolicyName")),
            Map.entry("AWS::IAM::Policy", List.of("PolicyName")),
            Map.entry("AWS::IAM::InstanceProfile", List.of("InstanceProfileName")),
            Map.entry("AWS::RDS::DBInstance", List.of("DBInstanceIdentifier")),
            Map.entry("AWS::RDS::DBCluster", List.of("DBClusterIdentifier")),
            Map.entry("AWS::DynamoDB::Table", List.of("TableName")),
            Map.entry("AWS::DynamoDB::GlobalTable", List.of("TableName")),
            Map.entry("AWS::Logs::LogGroup", List.of("LogGroupName")),
            Map.entry("AWS::CloudTrail::Trail", List.of("TrailName")),
            Map.entry("AWS::ElasticLoadBalancing::LoadBalancer", List.of("LoadBalancerName")),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", List.of("Name")),
            Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup", List.of("Name")),
            Map.entry("AWS::SNS::Topic", List.of("TopicName")),
            Map.entry("AWS::SQS::Queue", List.of("QueueName")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("AlarmName")),
            Map.entry("AWS::CloudWatch::CompositeAlarm", List.of("AlarmName")),
            Map.entry("AWS::AutoScaling::AutoScalingGroup", List.of("AutoScalingGroupName")),
            Map.entry("AWS::ElastiCache::ReplicationGroup", List.of("ReplicationGroupId")),
            Map.entry("AWS::ElastiCache::CacheCluster", List.of("ClusterName")),
            Map.entry("AWS::Lambda::Function", List.of("FunctionName")),
            Map.entry("AWS::Serverless::Function", List.of("FunctionName")),
            Map.entry("AWS::ECS::Cluster", List.of("ClusterName")),
            Map.entry("AWS::ECS::Service", List.of("ServiceName")),
            Map.entry("AWS::ECS::TaskDefinition", List.of("Family")),
            Map.entry("AWS::EKS::Cluster", List.of("Name")),
            Map.entry("AWS::KMS::Alias", List.of("AliasName")),
            Map.entry("AWS::Backup::BackupPlan", List.of("BackupPlan", "BackupPlanName")),
            Map.entry("AWS::Backup::BackupVault", List.of("BackupVaultName")),
            Map.entry("AWS::Backup::BackupSelection", List.of("BackupSelection", "SelectionName")),
            Map.entry("AWS::CodePipeline::Pipeline", List.of("Name")),
            Map.entry("AWS::CodeBuild::Project", List.of("Name")),
            Map.entry("AWS::SSM::Document", List.of("Name")),
            Map.entry("AWS::SSM::Parameter", List.of("Name")),
            Map.entry("AWS::SecretsManager::Secret", List.of("Name")),
            Map.entry("AWS::StepFunctions::StateMachine", List.of("StateMachineName")),
            Map.entry("AWS::ApiGateway::RestApi", List.of("Name")),
            Map.entry("AWS::Kinesis::Stream", List.of("Name")),
            Map.entry("AWS::ECR::Repository", List.of("RepositoryName")),
            Map.entry("AWS::Events::Rule", List.of("Name")),
            Map.entry("AWS::OpenSearchService::Domain", List.of("DomainName")),
            Map.entry("AWS::Elasticsearch::Domain", List.of("DomainName")),
            Map.entry("AWS::SageMaker::Endpoint", List.of("EndpointName")),
            Map.entry("AWS::SageMaker::NotebookInstance", List.of("NotebookInstanceName")),
            Map.entry("AWS::WAFv2::WebACL", List.of("Name")),
            Map.entry("AWS::Budgets::Budget", List.of("Budget", "BudgetName")));

    /** The properties tags live in: Tags for most types, their own name for a few. */
    static final List<String> TAG_PROPERTIES = List.of("Tags", "FileSystemTags", "BackupPlanTags", "BackupVaultTags");

    private ResourceNames() {
    }

    /** {@code ref} with the name and tags read from {@code properties} (CloudFormation shape). */
    public static ResourceRef apply(ResourceRef ref, JsonNode properties, boolean live) {
        Map<String, String> tags = tags(properties, live);
        return ref.named(name(ref.type(), properties, tags), tags);
    }

    /** The Name tag, else the literal service name, else null. */
    static String name(String type, JsonNode properties, Map<String, String> tags) {
        String tagged = tags == null ? null : tags.get("Name");
        if (tagged != null && !tagged.isBlank()) {
            return tagged;
        }
        List<String> path = NAME_PROPERTY.get(type);
        if (path == null || properties == null) {
            return null;
        }
        JsonNode n = properties;
        for (String key : path) {
            n = n.path(key);
        }
        return n.isTextual() && !n.textValue().isBlank() ? n.textValue() : null;
    }

    /** The literal tags; empty for a template resource without tags, null when they were not read or are not literal. */
    static Map<String, String> tags(JsonNode properties, boolean live) {
        JsonNode node = null;
        if (properties != null) {
            for (String p : TAG_PROPERTIES) {
                if (properties.has(p)) {
                    node = properties.get(p);
                    break;
                }
            }
        }
        if (node == null) {
            return live ? null : Map.of();
        }
        if (node.isNull() || isIntrinsic(node)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode t : node) {
                String key = literal(t.get("Key"));
                String value = literal(t.get("Value"));
                if (key != null && value != null) {
                    out.put(key, value);
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = literal(e.getValue());
                if (value != null) {
                    out.put(e.getKey(), value);
                }
            }
        } else {
            return null;
        }
        return out;
    }

    /** A string, number or boolean as CloudFormation passes it on (as text); null for anything else. */
    private static String literal(JsonNode n) {
        return n != null && (n.isTextual() || n.isNumber() || n.isBoolean()) ? n.asText() : null;
    }

    private static boolean isIntrinsic(JsonNode n) {
        if (!n.isObject() || n.size() != 1) {
            return false;
        }
        String key = n.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
