package dev.cxscan.scanner.bench;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Generates the benchmark input: a cdk.out cloud assembly of STACKS stacks of RESOURCES resources
 * each, in the shape aws-cdk-lib synthesizes (hashed logical ids, aws:cdk:path metadata, Fn::GetAtt
 * and Fn::Join with AWS::Partition, the BootstrapVersion parameter and rule), with a realistic mix:
 * KMS keys, buckets with policies, roles with inline policies, Lambda functions in a VPC, log
 * groups, alarms, security groups, subnets, route tables, queues, topics, tables. About one group in
 * seven is non-compliant (unencrypted bucket, SSH open to the world, no log retention).
 *
 * <p>Not part of mvn verify: bench/run-template-bench.sh runs it, then times the launcher as whole
 * processes. Usage: {@code TemplateScanBenchmark OUT_DIR [STACKS] [RESOURCES_PER_STACK]}.
 */
public final class TemplateScanBenchmark {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final int GROUP = 10;

    private TemplateScanBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TemplateScanBenchmark OUT_DIR [STACKS=50] [RESOURCES=500]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int stacks = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int resources = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        long bytes = generate(out, stacks, resources);
        System.err.printf("generated %s: %d stacks x %d resources, %.1f MB of templates%n", out, stacks, resources,
                bytes / 1e6);
    }

    /** Writes the assembly; returns the total template bytes. */
    public static long generate(Path out, int stacks, int resourcesPerStack) throws IOException {
        Files.createDirectories(out);
        ObjectMapper mapper = new ObjectMapper();
        // JSON.stringify(template, undefined, 1), as the CDK CLI writes templates
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        ObjectWriter writer = mapper.writer(pp);
        ObjectNode manifest = N.objectNode();
        manifest.put("version", "38.0.1");
        ObjectNode artifacts = manifest.putObject("artifacts");
        long bytes = 0;
        for (int s = 1; s <= stacks; s++) {
            String stack = String.format("Workload%02dStack", s);
            ObjectNode template = stack(stack, resourcesPerStack);
            byte[] json = writer.writeValueAsBytes(template);
            Files.write(out.resolve(stack + ".template.json"), json);
            bytes += json.length;
            ObjectNode a = artifacts.putObject(stack);
            a.put("type", "aws:cloudformation:stack");
            a.put("environment", "aws://123456789012/eu-west-1");
            ObjectNode props = a.putObject("properties");
            props.put("templateFile", stack + ".template.json");
            props.put("validateOnSynth", false);
            props.put("requiresBootstrapStackVersion", 6);
            a.put("displayName", stack);
        }
        ObjectNode tree = artifacts.putObject("Tree");
        tree.put("type", "cdk:tree");
        tree.putObject("properties").put("file", "tree.json");
        Files.writeString(out.resolve("tree.json"), "{\"version\":\"tree-0.1\",\"tree\":{\"id\":\"App\",\"path\":\"\"}}");
        Files.writeString(out.resolve("cdk.out"), "{\"version\":\"38.0.1\"}");
        Files.write(out.resolve("manifest.json"), writer.writeValueAsBytes(manifest));
        return bytes;
    }

    static ObjectNode stack(String stack, int resources) {
        ObjectNode t = N.objectNode();
        ObjectNode params = t.putObject("Parameters");
        ObjectNode bv = params.putObject("BootstrapVersion");
        bv.put("Type", "AWS::SSM::Parameter::Value<String>");
        bv.put("Default", "/cdk-bootstrap/hnb659fds/version");
        bv.put("Description", "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]");
        ObjectNode res = t.putObject("Resources");
        String vpc = id(stack, "Vpc");
        add(res, stack, "Vpc", "AWS::EC2::VPC", vpcProps());
        int count = 1;
        for (int g = 0; count < resources; g++) {
            count += group(res, stack, g, vpc, resources - count);
        }
        ObjectNode outputs = t.putObject("Outputs");
        outputs.putObject("VpcId").set("Value", ref(vpc));
        ObjectNode rules = t.putObject("Rules").putObject("CheckBootstrapVersion");
        ObjectNode assertion = rules.putArray("Assertions").addObject();
        ArrayNode not = assertion.putObject("Assert").putArray("Fn::Not");
        ArrayNode contains = not.addObject().putArray("Fn::Contains");
        contains.addArray().add("1").add("2").add("3").add("4").add("5");
        contains.add(ref("BootstrapVersion"));
        assertion.put("AssertDescription", "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.");
        return t;
    }

    /** One service group (up to {@link #GROUP} resources); returns how many were added. */
    private static int group(ObjectNode res, String stack, int g, String vpc, int room) {
        boolean bad = g % 7 == 3;
        String p = "Svc" + g;
        int added = 0;
        boolean odd = g % 2 == 1;
        String key = id(stack, (odd ? "Svc" + (g - 1) : p) + "Key"); // odd groups share the previous group's key
        String bucket = id(stack, p + "Bucket");
        String role = id(stack, p + "FnServiceRole");
        String sg = id(stack, p + "FnSecurityGroup");
        String subnet = id(stack, p + "Subnet");
        String fn = id(stack, p + "Fn");
        String[] order = {odd ? "Alarm" : "Key", "Bucket", odd ? "RouteTable" : "BucketPolicy", "Role", "Policy", "SecurityGroup", "Subnet", "Function",
            "LogGroup", g % 3 == 0 ? "Queue" : g % 3 == 1 ? "Topic" : "Table"};
        for (String kind : order) {
            if (added >= room) {
                break;
            }
            switch (kind) {
                case "Key" -> add(res, stack, p + "Key", "AWS::KMS::Key", keyProps());
                case "Bucket" -> add(res, stack, p + "Bucket", "AWS::S3::Bucket", bucketProps(key, bad));
                case "BucketPolicy" -> add(res, stack, p + "BucketPolicy", "AWS::S3::BucketPolicy", bucketPolicyProps(bucket));
                case "Role" -> add(res, stack, p + "FnServiceRole", "AWS::IAM::Role", roleProps());
                case "Policy" -> add(res, stack, p + "FnServiceRoleDefaultPolicy", "AWS::IAM::Policy",
                        policyProps(role, bucket, key, p));
                case "SecurityGroup" -> add(res, stack, p + "FnSecurityGroup", "AWS::EC2::SecurityGroup", sgProps(vpc, bad, p));
                case "Subnet" -> add(res, stack, p + "Subnet", "AWS::EC2::Subnet", subnetProps(vpc, g));
                case "Function" -> add(res, stack, p + "Fn", "AWS::Lambda::Function", functionProps(role, sg, subnet, bucket, key));
                case "LogGroup" -> add(res, stack, p + "FnLogGroup", "AWS::Logs::LogGroup", logProps(fn, bad));
                case "Alarm" -> add(res, stack, p + "FnErrorsAlarm", "AWS::CloudWatch::Alarm", alarmProps(fn));
                case "RouteTable" -> add(res, stack, p + "RouteTable", "AWS::EC2::RouteTable", routeTableProps(vpc));
                case "Queue" -> add(res, stack, p + "Queue", "AWS::SQS::Queue", queueProps(key));
                case "Topic" -> add(res, stack, p + "Topic", "AWS::SNS::Topic", topicProps(key));
                default -> add(res, stack, p + "Table", "AWS::DynamoDB::Table", tableProps(key));
            }
            added++;
        }
        return added;
    }

    private static void add(ObjectNode res, String stack, String path, String type, ObjectNode props) {
        ObjectNode r = res.putObject(id(stack, path));
        r.put("Type", type);
        r.set("Properties", props);
        if (type.equals("AWS::S3::Bucket") || type.equals("AWS::KMS::Key") || type.equals("AWS::Logs::LogGroup")
                || type.equals("AWS::DynamoDB::Table")) {
            r.put("UpdateReplacePolicy", "Retain");
            r.put("DeletionPolicy", "Retain");
        }
        if (type.equals("AWS::Lambda::Function")) {
            r.putArray("DependsOn").add(id(stack, path + "ServiceRoleDefaultPolicy")).add(id(stack, path + "ServiceRole"));
        }
        r.putObject("Metadata").put("aws:cdk:path", stack + "/" + path + "/Resource");
    }

    /** CDK-style logical id: the path without separators plus 8 hex characters of its hash. */
    static String id(String stack, String path) {
        try {
            byte[] h = MessageDigest.getInstance("MD5").digest((stack + "/" + path).getBytes(StandardCharsets.UTF_8));
            return path.replaceAll("[^A-Za-z0-9]", "") + HexFormat.of().formatHex(h, 0, 4).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode ref(String id) {
        ObjectNode o = N.objectNode();
        o.put("Ref", id);
        return o;
    }

    private static ObjectNode getAtt(String id, String attr) {
        ObjectNode o = N.objectNode();
        o.putArray("Fn::GetAtt").add(id).add(attr);
        return o;
    }

    private static ObjectNode join(Object... parts) {
        ObjectNode o = N.objectNode();
        ArrayNode a = o.putArray("Fn::Join");
        a.add("");
        ArrayNode list = a.addArray();
        for (Object part : parts) {
            if (part instanceof String s) {
                list.add(s);
            } else {
                list.add((ObjectNode) part);
            }
        }
        return o;
    }

    private static ObjectNode tag(ArrayNode tags, String k, String v) {
        ObjectNode t = tags.addObject();
        t.put("Key", k);
        t.put("Value", v);
        return t;
    }

    private static ObjectNode vpcProps() {
        ObjectNode p = N.objectNode();
        p.put("CidrBlock", "10.0.0.0/16");
        p.put("EnableDnsHostnames", true);
        p.put("EnableDnsSupport", true);
        p.put("InstanceTenancy", "default");
        tag(p.putArray("Tags"), "Name", "Workload/Vpc");
        return p;
    }

    private static ObjectNode keyProps() {
        ObjectNode p = N.objectNode();
        p.put("EnableKeyRotation", true);
        ObjectNode doc = p.putObject("KeyPolicy");
        ArrayNode st = doc.putArray("Statement");
        ObjectNode s = st.addObject();
        s.put("Action", "kms:*");
        s.put("Effect", "Allow");
        s.putObject("Principal").set("AWS", join("arn:", ref("AWS::Partition"), ":iam::", ref("AWS::AccountId"), ":root"));
        s.put("Resource", "*");
        doc.put("Version", "2012-10-17");
        return p;
    }

    private static ObjectNode bucketProps(String key, boolean bad) {
        ObjectNode p = N.objectNode();
        if (bad) {
            p.putObject("BucketEncryption").putArray("ServerSideEncryptionConfiguration").addObject()
                    .putObject("ServerSideEncryptionByDefault").put("SSEAlgorithm", "none");
        } else {
            ObjectNode def = p.putObject("BucketEncryption").putArray("ServerSideEncryptionConfiguration").addObject()
                    .putObject("ServerSideEncryptionByDefault");
            def.set("KMSMasterKeyID", getAtt(key, "Arn"));
            def.put("SSEAlgorithm", "aws:kms");
        }
        ObjectNode pab = p.putObject("PublicAccessBlockConfiguration");
        pab.put("BlockPublicAcls", true);
        pab.put("BlockPublicPolicy", true);
        pab.put("IgnorePublicAcls", true);
        pab.put("RestrictPublicBuckets", true);
        p.putObject("VersioningConfiguration").put("Status", "Enabled");
        return p;
    }

    private static ObjectNode bucketPolicyProps(String bucket) {
        ObjectNode p = N.objectNode();
        p.set("Bucket", ref(bucket));
        ObjectNode doc = p.putObject("PolicyDocument");
        ObjectNode s = doc.putArray("Statement").addObject();
        s.put("Action", "s3:*");
        s.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        s.put("Effect", "Deny");
        s.putObject("Principal").put("AWS", "*");
        s.putArray("Resource").add(getAtt(bucket, "Arn")).add(join(getAtt(bucket, "Arn"), "/*"));
        doc.put("Version", "2012-10-17");
        return p;
    }

    private static ObjectNode roleProps() {
        ObjectNode p = N.objectNode();
        ObjectNode doc = p.putObject("AssumeRolePolicyDocument");
        ObjectNode s = doc.putArray("Statement").addObject();
        s.put("Action", "sts:AssumeRole");
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", "lambda.amazonaws.com");
        doc.put("Version", "2012-10-17");
        p.putArray("ManagedPolicyArns")
                .add(join("arn:", ref("AWS::Partition"), ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        return p;
    }

    private static ObjectNode policyProps(String role, String bucket, String key, String name) {
        ObjectNode p = N.objectNode();
        ObjectNode doc = p.putObject("PolicyDocument");
        ArrayNode st = doc.putArray("Statement");
        ObjectNode read = st.addObject();
        read.putArray("Action").add("s3:GetBucket*").add("s3:GetObject*").add("s3:List*");
        read.put("Effect", "Allow");
        read.putArray("Resource").add(getAtt(bucket, "Arn")).add(join(getAtt(bucket, "Arn"), "/*"));
        ObjectNode kms = st.addObject();
        kms.putArray("Action").add("kms:Decrypt").add("kms:DescribeKey");
        kms.put("Effect", "Allow");
        kms.set("Resource", getAtt(key, "Arn"));
        doc.put("Version", "2012-10-17");
        p.put("PolicyName", name + "FnServiceRoleDefaultPolicy");
        p.putArray("Roles").add(ref(role));
        return p;
    }

    private static ObjectNode sgProps(String vpc, boolean bad, String name) {
        ObjectNode p = N.objectNode();
        p.put("GroupDescription", "Automatic security group for Lambda Function " + name);
        ObjectNode egress = p.putArray("SecurityGroupEgress").addObject();
        egress.put("CidrIp", "0.0.0.0/0");
        egress.put("Description", "Allow all outbound traffic by default");
        egress.put("IpProtocol", "-1");
        ArrayNode ingress = p.putArray("SecurityGroupIngress");
        ObjectNode in = ingress.addObject();
        in.put("CidrIp", bad ? "0.0.0.0/0" : "10.0.0.0/16");
        in.put("Description", bad ? "ssh from anywhere" : "https from the VPC");
        in.put("FromPort", bad ? 22 : 443);
        in.put("IpProtocol", "tcp");
        in.put("ToPort", bad ? 22 : 443);
        p.set("VpcId", ref(vpc));
        return p;
    }

    private static ObjectNode subnetProps(String vpc, int g) {
        ObjectNode p = N.objectNode();
        ObjectNode az = p.putObject("AvailabilityZone");
        az.putArray("Fn::Select").add(g % 3).addObject().put("Fn::GetAZs", "");
        p.put("CidrBlock", "10.0." + (g % 250) + ".0/24");
        p.put("MapPublicIpOnLaunch", false);
        tag(p.putArray("Tags"), "aws-cdk:subnet-type", "Private");
        p.set("VpcId", ref(vpc));
        return p;
    }

    private static ObjectNode functionProps(String role, String sg, String subnet, String bucket, String key) {
        ObjectNode p = N.objectNode();
        ObjectNode code = p.putObject("Code");
        code.set("S3Bucket", N.textNode("cdk-hnb659fds-assets-123456789012-eu-west-1"));
        code.put("S3Key", "02b51ab524e7bcf8f477de3e71e5f9a72e448301b26ba62e9e75a14f9c55a093.zip");
        ObjectNode env = p.putObject("Environment").putObject("Variables");
        env.set("BUCKET_NAME", ref(bucket));
        p.put("Handler", "index.handler");
        p.put("MemorySize", 512);
        p.set("Role", getAtt(role, "Arn"));
        p.put("Runtime", "python3.12");
        p.put("Timeout", 30);
        p.putObject("TracingConfig").put("Mode", "Active");
        ObjectNode vpc = p.putObject("VpcConfig");
        vpc.putArray("SecurityGroupIds").add(getAtt(sg, "GroupId"));
        vpc.putArray("SubnetIds").add(ref(subnet));
        return p;
    }

    private static ObjectNode logProps(String fn, boolean bad) {
        ObjectNode p = N.objectNode();
        p.set("LogGroupName", join("/aws/lambda/", ref(fn)));
        if (!bad) {
            p.put("RetentionInDays", 365);
        }
        return p;
    }

    private static ObjectNode alarmProps(String fn) {
        ObjectNode p = N.objectNode();
        p.put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        ObjectNode dim = p.putArray("Dimensions").addObject();
        dim.put("Name", "FunctionName");
        dim.set("Value", ref(fn));
        p.put("EvaluationPeriods", 1);
        p.put("MetricName", "Errors");
        p.put("Namespace", "AWS/Lambda");
        p.put("Period", 300);
        p.put("Statistic", "Sum");
        p.put("Threshold", 1);
        return p;
    }

    private static ObjectNode routeTableProps(String vpc) {
        ObjectNode p = N.objectNode();
        tag(p.putArray("Tags"), "Name", "Workload/Vpc/PrivateSubnet");
        p.set("VpcId", ref(vpc));
        return p;
    }

    private static ObjectNode queueProps(String key) {
        ObjectNode p = N.objectNode();
        p.set("KmsMasterKeyId", getAtt(key, "Arn"));
        p.put("MessageRetentionPeriod", 1209600);
        p.put("VisibilityTimeout", 300);
        return p;
    }

    private static ObjectNode topicProps(String key) {
        ObjectNode p = N.objectNode();
        p.set("KmsMasterKeyId", getAtt(key, "Arn"));
        p.put("DisplayName", "alerts");
        return p;
    }

    private static ObjectNode tableProps(String key) {
        ObjectNode p = N.objectNode();
        ArrayNode attrs = p.putArray("AttributeDefinitions");
        ObjectNode a = attrs.addObject();
        a.put("AttributeName", "pk");
        a.put("AttributeType", "S");
        p.put("BillingMode", "PAY_PER_REQUEST");
        ObjectNode k = p.putArray("KeySchema").addObject();
        k.put("AttributeName", "pk");
        k.put("KeyType", "HASH");
        p.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled", true);
        ObjectNode sse = p.putObject("SSESpecification");
        sse.put("KMSMasterKeyId", "alias/workload");
        sse.put("SSEEnabled", true);
        sse.put("SSEType", "KMS");
        return p;
    }
}
