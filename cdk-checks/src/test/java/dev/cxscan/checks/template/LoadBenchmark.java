package dev.cxscan.checks.template;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick measurement, not a test: writes a cdk.out of STACKS x RESOURCES CDK-shaped resources
 * (about 10 MB for 50 x 500) and times loading and evaluating it with every registered rule.
 * Run in a fresh JVM to include start-up, e.g.
 * {@code java -cp cdk-checks/target/classes:cdk-checks/target/test-classes:<deps> dev.cxscan.checks.template.LoadBenchmark DIR [STACKS RESOURCES]}.
 * With an existing DIR/cdk.out it only measures.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        int stacks = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int resources = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path out = dir.resolve("cdk.out");
        if (!Files.isRegularFile(out.resolve("manifest.json"))) {
            long bytes = writeCloudAssembly(out, stacks, resources);
            System.err.printf("wrote %d stacks x %d resources, %.1f MB, in %d ms%n", stacks, resources,
                    bytes / 1e6, (System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
        }
        int repeat = Integer.getInteger("repeat", 1);
        for (int r = 1; r < repeat; r++) {
            measure(out, System.nanoTime());
        }
        measure(out, start);
    }

    private static void measure(Path out, long start) {
        Diagnostics diagnostics = new Diagnostics();
        List<Template> templates = new TemplateLoader(diagnostics).load(List.of(out));
        long loaded = System.nanoTime();
        RuleEngine engine = RuleEngine.withAllRules();
        int findings = 0;
        for (Template t : templates) {
            List<Finding> f = engine.evaluate(t.resourceSet(), diagnostics);
            findings += f.size();
        }
        long evaluated = System.nanoTime();
        int count = templates.stream().mapToInt(t -> t.resources().size()).sum();
        System.err.printf("loaded %d templates (%d resources, %d input errors) in %d ms; %d rules gave %d findings in %d ms%n",
                templates.size(), count, diagnostics.inputErrors().size(), (loaded - start) / 1_000_000,
                engine.rules().size(), findings, (evaluated - loaded) / 1_000_000);
    }

    /** A cloud assembly as `cdk synth` writes it; returns the bytes of templates written. */
    public static long writeCloudAssembly(Path out, int stacks, int resources) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("cdk.out"), "{\"version\":\"36.0.0\"}");
        StringBuilder manifest = new StringBuilder("{\n \"version\": \"36.0.0\",\n \"artifacts\": {\n");
        long bytes = 0;
        for (int s = 0; s < stacks; s++) {
            String stack = "Service" + s + "Stack";
            String template = template(stack, resources);
            Files.writeString(out.resolve(stack + ".template.json"), template);
            bytes += template.length();
            manifest.append("  \"").append(stack).append(".assets\": {\"type\": \"cdk:asset-manifest\", \"properties\": {\"file\": \"")
                    .append(stack).append(".assets.json\"}},\n");
            manifest.append("  \"").append(stack).append("\": {\"type\": \"aws:cloudformation:stack\", ")
                    .append("\"environment\": \"aws://unknown-account/unknown-region\", \"properties\": {\"templateFile\": \"")
                    .append(stack).append(".template.json\", \"validateOnSynth\": false}, \"displayName\": \"")
                    .append(stack).append("\"},\n");
            Files.writeString(out.resolve(stack + ".assets.json"), "{\"version\": \"36.0.0\", \"files\": {}, \"dockerImages\": {}}");
        }
        manifest.append("  \"Tree\": {\"type\": \"cdk:tree\", \"properties\": {\"file\": \"tree.json\"}}\n }\n}\n");
        Files.writeString(out.resolve("manifest.json"), manifest);
        Files.writeString(out.resolve("tree.json"), "{\"version\": \"tree-0.1\", \"tree\": {\"id\": \"App\", \"path\": \"\"}}");
        return bytes;
    }

    private static String template(String stack, int resources) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            String hash = String.format("%08X", (stack + i).hashCode());
            switch (i % 4) {
                case 0 -> entries.add(("""
                          "DataBucket%d%s": {
                           "Type": "AWS::S3::Bucket",
                           "Properties": {
                            "BucketEncryption": {
                             "ServerSideEncryptionConfiguration": [
                              {
                               "ServerSideEncryptionByDefault": {
                                "SSEAlgorithm": "aws:kms",
                                "KMSMasterKeyID": {"Fn::GetAtt": ["Key%d%s", "Arn"]}
                               }
                              }
                             ]
                            },
                            "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true,
                             "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
                            "VersioningConfiguration": {"Status": "Enabled"}
                           },
                           "UpdateReplacePolicy": "Retain",
                           "DeletionPolicy": "Retain",
                           "Metadata": {"aws:cdk:path": "%s/Data%d/Resource"}
                          }""").formatted(i, hash, i + 1, hash, stack, i));
                case 1 -> entries.add(("""
                          "Key%d%s": {
                           "Type": "AWS::KMS::Key",
                           "Properties": {
                            "KeyPolicy": {
                             "Statement": [
                              {
                               "Action": "kms:*",
                               "Effect": "Allow",
                               "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]}},
                               "Resource": "*"
                              }
                             ],
                             "Version": "2012-10-17"
                            },
                            "EnableKeyRotation": true
                           },
                           "UpdateReplacePolicy": "Retain",
                           "DeletionPolicy": "Retain",
                           "Metadata": {"aws:cdk:path": "%s/Key%d/Resource"}
                          }""").formatted(i, hash, stack, i));
                case 2 -> entries.add(("""
                          "HandlerServiceRole%d%s": {
                           "Type": "AWS::IAM::Role",
                           "Properties": {
                            "AssumeRolePolicyDocument": {
                             "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}],
                             "Version": "2012-10-17"
                            },
                            "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}]
                           },
                           "Metadata": {"aws:cdk:path": "%s/Handler%d/ServiceRole/Resource"}
                          }""").formatted(i, hash, stack, i));
                default -> entries.add(("""
                          "Queue%d%s": {
                           "Type": "AWS::SQS::Queue",
                           "Properties": {"KmsMasterKeyId": "alias/aws/sqs", "MessageRetentionPeriod": 1209600,
                            "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["DataBucket%d%s", "Arn"]}, "maxReceiveCount": 3}},
                           "UpdateReplacePolicy": "Delete",
                           "DeletionPolicy": "Delete",
                           "Metadata": {"aws:cdk:path": "%s/Queue%d/Resource"}
                          }""").formatted(i, hash, i - 3, hash, stack, i));
            }
        }
        return "{\n \"Resources\": {\n" + String.join(",\n", entries) + "\n },\n \"Parameters\": {\n"
                + "  \"BootstrapVersion\": {\"Type\": \"AWS::SSM::Parameter::Value<String>\","
                + " \"Default\": \"/cdk-bootstrap/hnb659fds/version\"}\n }\n}\n";
    }
}
