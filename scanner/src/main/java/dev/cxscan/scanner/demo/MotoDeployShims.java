package dev.cxscan.scanner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Makes a stack that moto_server's CloudFormation deploys look the way AWS CloudFormation deploys the same template:
 * {@link #template} rewrites the template before CreateStack where moto misreads a property, {@link #afterCreate}
 * makes SDK calls after CREATE_COMPLETE where no rewrite can help. Only for moto (see {@link #isMoto}): the rewritten
 * template is not one AWS or LocalStack would accept (aws:-prefixed tag keys), and the scanner is never involved, so
 * what it reads and how it judges stay the same; only the seeded account changes. Checked against moto 5.2.
 */
final class MotoDeployShims {
    static final String STACK_NAME_TAG = "aws:cloudformation:stack-name";
    static final String STACK_ID_TAG = "aws:cloudformation:stack-id";
    static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MotoDeployShims() {
    }

    /** True when the endpoint is moto_server (it answers GET /moto-api/, as localstack/start probes it). */
    static boolean isMoto(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The template as moto has to read it to deploy what AWS deploys from the original, for stack {@code stack}. */
    static String template(String template, String stack, Map<String, String> stackTags) throws IOException {
        JsonNode root = JSON.readTree(template);
        Iterator<Map.Entry<String, JsonNode>> resources = root.path("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> e = resources.next();
            String type = e.getValue().path("Type").asText();
            JsonNode props = e.getValue().path("Properties");
            if (!props.isObject()) {
                continue;
            }
            ObjectNode p = (ObjectNode) props;
            switch (type) {
                case "AWS::DynamoDB::Table" -> tableEncryption(p, root.path("Resources"));
                case "AWS::Logs::LogGroup" -> {
                    // moto passes the properties on as they are and reads the API's lower-case kmsKeyId, so a
                    // KmsKeyId is dropped; AWS associates the key with the group
                    if (p.has("KmsKeyId")) {
                        p.set("kmsKeyId", p.get("KmsKeyId"));
                    }
                }
                // moto tags only EC2 resources with the stack's tags and aws:cloudformation:*; AWS tags these too
                case "AWS::S3::Bucket", "AWS::RDS::DBInstance" -> addTags(p, stackTags, stackTags(stack, e.getKey()));
                // AWS propagates the stack's own tags to IAM roles but not aws:cloudformation:* (a long-open gap:
                // github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1159); moto adds neither
                case "AWS::IAM::Role" -> addTags(p, stackTags, Map.of());
                default -> { }
            }
        }
        return JSON.writeValueAsString(root);
    }

    /**
     * moto's CloudFormation hands SSESpecification to its CreateTable as it is, which reads the API's "Enabled", not
     * the template's "SSEEnabled": the table would use the AWS owned key. It also reports KMSMasterKeyId as given,
     * where AWS reports the key's ARN (KMSMasterKeyArn): a Ref to a key of the template becomes its Arn.
     */
    private static void tableEncryption(ObjectNode table, JsonNode resources) {
        JsonNode sse = table.path("SSESpecification");
        if (!sse.isObject()) {
            return;
        }
        ObjectNode s = (ObjectNode) sse;
        if (s.has("SSEEnabled")) {
            s.set("Enabled", s.get("SSEEnabled"));
        }
        String ref = s.path("KMSMasterKeyId").path("Ref").asText("");
        if ("AWS::KMS::Key".equals(resources.path(ref).path("Type").asText())) {
            ObjectNode getAtt = JSON.createObjectNode();
            getAtt.putArray("Fn::GetAtt").add(ref).add("Arn");
            s.set("KMSMasterKeyId", getAtt);
        }
    }

    /** The aws:cloudformation:* tags CloudFormation adds to a resource (the stack id resolved by moto at deployment). */
    private static Map<String, JsonNode> stackTags(String stack, String logicalId) {
        Map<String, JsonNode> tags = new LinkedHashMap<>();
        tags.put(STACK_NAME_TAG, JSON.getNodeFactory().textNode(stack));
        tags.put(STACK_ID_TAG, JSON.createObjectNode().put("Ref", "AWS::StackId"));
        tags.put(LOGICAL_ID_TAG, JSON.getNodeFactory().textNode(logicalId));
        return tags;
    }

    /** Appends the stack's tags (a resource's own tag of the same key wins, as on AWS) and the aws: tags. */
    private static void addTags(ObjectNode props, Map<String, String> stackTags, Map<String, JsonNode> awsTags) {
        ArrayNode tags = props.has("Tags") && props.get("Tags").isArray() ? (ArrayNode) props.get("Tags") : props.putArray("Tags");
        Set<String> keys = new HashSet<>();
        tags.forEach(t -> keys.add(t.path("Key").asText()));
        stackTags.forEach((k, v) -> {
            if (keys.add(k)) {
                tags.addObject().put("Key", k).put("Value", v);
            }
        });
        awsTags.forEach((k, v) -> tags.addObject().put("Key", k).set("Value", v));
    }

    /**
     * What no rewrite of the template can make moto deploy, done with SDK calls once stack {@code stack} is
     * CREATE_COMPLETE. {@code template} is the template as deployed.
     */
    static void afterCreate(EmulatorClients c, String stack, String template) throws IOException {
        JsonNode resources = JSON.readTree(template).path("Resources");
        List<StackResource> deployed = c.get(CloudFormationClient.class).describeStackResources(b -> b.stackName(stack))
                .stackResources();
        for (StackResource r : deployed) {
            JsonNode props = resources.path(r.logicalResourceId()).path("Properties");
            if ("AWS::EC2::Volume".equals(r.resourceType()) && props.path("Encrypted").asText().equals("true")) {
                encryptVolume(c, r.physicalResourceId(), props);
            }
            // moto's CloudFormation ignores PointInTimeRecoverySpecification (AWS turns the table's PITR on)
            if ("AWS::DynamoDB::Table".equals(r.resourceType())
                    && props.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asText().equals("true")) {
                c.get(DynamoDbClient.class).updateContinuousBackups(b -> b.tableName(r.physicalResourceId())
                        .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
            }
        }
    }

    /**
     * moto's CloudFormation creates an AWS::EC2::Volume from Size and AvailabilityZone only, unencrypted whatever
     * Encrypted says (AWS creates it encrypted), and EBS cannot encrypt a volume in place: the volume is replaced by
     * an encrypted one of the same zone, size, type and tags (aws:cloudformation:* included, so it still shows as the
     * stack's). The stack's resource list keeps naming the replaced volume's id, which no scan reads. Without a
     * KmsKeyId the volume gets the default key aws/ebs, which moto creates as a customer managed key without
     * rotation; on AWS it is an AWS managed key, which AWS rotates every year: its rotation is turned on.
     */
    private static void encryptVolume(EmulatorClients c, String volumeId, JsonNode props) {
        Ec2Client ec2 = c.get(Ec2Client.class);
        JsonNode kmsKey = props.path("KmsKeyId");
        if (!kmsKey.isMissingNode() && !kmsKey.isTextual()) {
            throw new IllegalStateException("the volume shim takes a literal KmsKeyId only, not " + kmsKey);
        }
        Volume old = ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0);
        List<Tag> tags = old.tags();
        String key = ec2.createVolume(b -> {
            b.availabilityZone(old.availabilityZone()).size(old.size()).volumeType(old.volumeType()).encrypted(true);
            if (kmsKey.isTextual()) {
                b.kmsKeyId(kmsKey.asText());
            }
            if (!tags.isEmpty()) {
                b.tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(tags));
            }
        }).kmsKeyId();
        ec2.deleteVolume(b -> b.volumeId(volumeId));
        if (!kmsKey.isTextual()) {
            c.get(KmsClient.class).enableKeyRotation(b -> b.keyId(key));
        }
    }
}
