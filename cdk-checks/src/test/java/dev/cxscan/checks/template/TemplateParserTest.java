package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template parse(String text) throws TemplateFormatException {
        return TemplateParser.parse("t.template", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of property P of resource R in a one-resource template. */
    private static JsonNode yamlValue(String yamlValue) throws TemplateFormatException {
        return parse("Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      P: " + yamlValue + "\n")
                .resources().get(0).property("P");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static List<Arguments> shortForms() {
        return List.of(
                Arguments.of("!Ref MyBucket", "{\"Ref\": \"MyBucket\"}"),
                Arguments.of("!Ref AWS::Region", "{\"Ref\": \"AWS::Region\"}"),
                Arguments.of("!GetAtt MyBucket.Arn", "{\"Fn::GetAtt\": [\"MyBucket\", \"Arn\"]}"),
                Arguments.of("!GetAtt MyDb.Endpoint.Address", "{\"Fn::GetAtt\": [\"MyDb\", \"Endpoint.Address\"]}"),
                Arguments.of("!GetAtt [MyBucket, Arn]", "{\"Fn::GetAtt\": [\"MyBucket\", \"Arn\"]}"),
                Arguments.of("!Sub 'arn:${AWS::Partition}:s3:::${MyBucket}/*'",
                        "{\"Fn::Sub\": \"arn:${AWS::Partition}:s3:::${MyBucket}/*\"}"),
                Arguments.of("!Sub ['${Name}-logs', {Name: !Ref AppName}]",
                        "{\"Fn::Sub\": [\"${Name}-logs\", {\"Name\": {\"Ref\": \"AppName\"}}]}"),
                Arguments.of("!If [IsProd, 'aws:kms', !Ref AWS::NoValue]",
                        "{\"Fn::If\": [\"IsProd\", \"aws:kms\", {\"Ref\": \"AWS::NoValue\"}]}"),
                Arguments.of("!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref MyBucket]]",
                        "{\"Fn::Join\": [\"\", [\"arn:\", {\"Ref\": \"AWS::Partition\"}, \":s3:::\", {\"Ref\": \"MyBucket\"}]]}"),
                Arguments.of("!Select [0, !GetAZs '']", "{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}"),
                Arguments.of("!Select ['1', !Split [',', !ImportValue SubnetIds]]",
                        "{\"Fn::Select\": [\"1\", {\"Fn::Split\": [\",\", {\"Fn::ImportValue\": \"SubnetIds\"}]}]}"),
                Arguments.of("!FindInMap [RegionMap, !Ref AWS::Region, AMI]",
                        "{\"Fn::FindInMap\": [\"RegionMap\", {\"Ref\": \"AWS::Region\"}, \"AMI\"]}"),
                Arguments.of("!Equals [!Ref Env, prod]", "{\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"prod\"]}"),
                Arguments.of("!Not [!Equals [!Ref Env, prod]]",
                        "{\"Fn::Not\": [{\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"prod\"]}]}"),
                Arguments.of("!And [!Condition IsProd, !Not [!Condition IsTest]]",
                        "{\"Fn::And\": [{\"Condition\": \"IsProd\"}, {\"Fn::Not\": [{\"Condition\": \"IsTest\"}]}]}"),
                Arguments.of("!Or [!Condition A, !Equals [x, y]]",
                        "{\"Fn::Or\": [{\"Condition\": \"A\"}, {\"Fn::Equals\": [\"x\", \"y\"]}]}"),
                Arguments.of("!Condition IsProd", "{\"Condition\": \"IsProd\"}"),
                // a node has one tag: a short form directly inside another is written in long form
                Arguments.of("!Base64 {'Fn::Sub': \"#!/bin/bash\\necho ${AWS::StackName}\"}",
                        "{\"Fn::Base64\": {\"Fn::Sub\": \"#!/bin/bash\\necho ${AWS::StackName}\"}}"),
                Arguments.of("!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]",
                        "{\"Fn::Cidr\": [{\"Fn::GetAtt\": [\"Vpc\", \"CidrBlock\"]}, 6, 8]}"),
                Arguments.of("!GetAZs {Ref: AWS::Region}", "{\"Fn::GetAZs\": {\"Ref\": \"AWS::Region\"}}"),
                Arguments.of("!ImportValue {'Fn::Sub': '${Net}-VpcId'}", "{\"Fn::ImportValue\": {\"Fn::Sub\": \"${Net}-VpcId\"}}"),
                Arguments.of("!Split ['|', 'a|b']", "{\"Fn::Split\": [\"|\", \"a|b\"]}"),
                // nested: !Sub inside !If, !GetAtt inside a !Join list
                Arguments.of("!If [HasName, !Sub '${AWS::StackName}-x', !Join ['-', [!GetAtt A.Name, !Ref B]]]",
                        "{\"Fn::If\": [\"HasName\", {\"Fn::Sub\": \"${AWS::StackName}-x\"},"
                                + " {\"Fn::Join\": [\"-\", [{\"Fn::GetAtt\": [\"A\", \"Name\"]}, {\"Ref\": \"B\"}]]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortForms")
    void shortFormReadsAsTheLongForm(String yaml, String longForm) throws Exception {
        assertEquals(json(longForm), yamlValue(yaml));
    }

    @Test
    void everySupportedShortFormIsCovered() {
        String all = shortForms().stream().map(a -> (String) a.get()[0]).collect(Collectors.joining(" "));
        for (String tag : YamlTemplateParser.supportedShortForms()) {
            assertTrue(all.contains("!" + tag + " "), "no test for !" + tag);
        }
    }

    @Test
    void blockStyleShortFormsInsideLongForms() throws Exception {
        Template t = parse("""
                Resources:
                  Instance:
                    Type: AWS::EC2::Instance
                    Properties:
                      UserData:
                        Fn::Base64: !Sub |
                          #!/bin/bash
                          echo ${AWS::StackName}
                      SecurityGroupIds:
                        - !GetAtt
                          - WebSg
                          - GroupId
                        - Fn::If:
                          - HasExtra
                          - !Ref ExtraSg
                          - !Ref AWS::NoValue
                """);
        Resource r = t.resources().get(0);
        assertEquals(json("{\"Fn::Base64\": {\"Fn::Sub\": \"#!/bin/bash\\necho ${AWS::StackName}\\n\"}}"),
                r.property("UserData"));
        assertEquals(json("[{\"Fn::GetAtt\": [\"WebSg\", \"GroupId\"]},"
                + " {\"Fn::If\": [\"HasExtra\", {\"Ref\": \"ExtraSg\"}, {\"Ref\": \"AWS::NoValue\"}]}]"),
                r.property("SecurityGroupIds"));
    }

    @Test
    void longFormWrittenInYamlIsTheSameToo() throws Exception {
        assertEquals(json("{\"Fn::GetAtt\": [\"B\", \"Arn\"]}"), yamlValue("{'Fn::GetAtt': [B, Arn]}"));
    }

    @Test
    void wholeYamlTemplateEqualsItsJsonTwin() throws Exception {
        String yaml = """
                AWSTemplateFormatVersion: "2010-09-09"
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Key:
                    Type: AWS::KMS::Key
                    Properties:
                      EnableKeyRotation: true
                      PendingWindowInDays: 7
                  Bucket:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                    Properties:
                      BucketName: !Sub '${AWS::StackName}-data'
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault:
                              SSEAlgorithm: aws:kms
                              KMSMasterKeyID: !GetAtt Key.Arn
                      Tags:
                        - Key: ratio
                          Value: 0.5
                Outputs:
                  Arn:
                    Value: !GetAtt [Bucket, Arn]
                    Export: {Name: !Sub '${AWS::StackName}-arn'}
                """;
        String jsonTwin = """
                {"AWSTemplateFormatVersion": "2010-09-09",
                 "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
                 "Resources": {
                  "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "PendingWindowInDays": 7}},
                  "Bucket": {"Type": "AWS::S3::Bucket", "Condition": "IsProd", "Properties": {
                    "BucketName": {"Fn::Sub": "${AWS::StackName}-data"},
                    "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault":
                       {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}}}]},
                    "Tags": [{"Key": "ratio", "Value": 0.5}]}}},
                 "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Bucket", "Arn"]},
                                     "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-arn"}}}}}
                """;
        assertEquals(parse(jsonTwin).root(), parse(yaml).root());
    }

    @Test
    void yamlScalarTypes() throws Exception {
        assertEquals(json("true"), yamlValue("true"));
        assertEquals(json("\"true\""), yamlValue("'true'"));
        assertEquals(json("42"), yamlValue("42"));
        assertEquals(json("-3"), yamlValue("-3"));
        assertEquals(json("\"42\""), yamlValue("\"42\""));
        assertEquals(json("9999999999"), yamlValue("9999999999"));
        assertEquals(json("null"), yamlValue("null"));
        assertEquals(json("\"2012-10-17\""), yamlValue("2012-10-17"));
        assertEquals(json("\"0.0.0.0/0\""), yamlValue("0.0.0.0/0"));
    }

    @Test
    void jsonResourceLinesAreTheLinesOfTheLogicalIds() throws Exception {
        Template t = parse("""
                {
                  "Parameters": {
                    "Env": {"Type": "String"}
                  },
                  "Resources": {
                    "First": {
                      "Type": "AWS::S3::Bucket"
                    },
                    "Second": {"Type": "AWS::SQS::Queue", "Properties": {"Resources": {"Nested": 1}}},

                    "Third":
                      {"Type": "AWS::SNS::Topic"}
                  }
                }
                """);
        assertEquals(Map.of("First", 6, "Second", 9, "Third", 11), lines(t));
    }

    @Test
    void yamlResourceLinesAreTheLinesOfTheLogicalIds() throws Exception {
        Template t = parse("""
                # a comment
                AWSTemplateFormatVersion: '2010-09-09'
                Parameters:
                  Env: {Type: String}
                Resources:
                  First:
                    Type: AWS::S3::Bucket

                  Second: {Type: AWS::SQS::Queue}
                  "Third":
                    Type: AWS::SNS::Topic
                """);
        assertEquals(Map.of("First", 6, "Second", 9, "Third", 10), lines(t));
    }

    @Test
    void cdkSynthesizedTemplateKeepsCdkPathAndFileForEachResource() throws Exception {
        Template t = TemplateParser.parse("cdk.out/App.template.json", "App", """
                {
                 "Resources": {
                  "DocsBucket9D3E1F0A": {
                   "Type": "AWS::S3::Bucket",
                   "UpdateReplacePolicy": "Retain",
                   "DeletionPolicy": "Retain",
                   "Metadata": {"aws:cdk:path": "App/DocsBucket/Resource"}
                  },
                  "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:H4sI"}}
                 }
                }
                """.getBytes(StandardCharsets.UTF_8));
        Resource bucket = t.resources().get(0);
        assertEquals("App/DocsBucket/Resource", bucket.location().cdkPath());
        assertEquals("cdk.out/App.template.json", bucket.location().file());
        assertEquals(3, bucket.location().line());
        assertEquals("Retain", bucket.attribute("DeletionPolicy").asText());
        assertEquals("App", t.stackName());
        assertEquals(null, t.resources().get(1).location().cdkPath());
    }

    @Test
    void parameterDefaultsAreSubstitutedAndParametersWithoutDefaultStayRefs() throws Exception {
        Template t = parse("""
                Parameters:
                  Algorithm: {Type: String, Default: aws:kms}
                  KeyArn: {Type: String}
                  Subnets: {Type: CommaDelimitedList, Default: "subnet-1, subnet-2"}
                  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /aws/service/ami}
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault:
                              SSEAlgorithm: !Ref Algorithm
                              KMSMasterKeyID: !Ref KeyArn
                      Name: !Sub '${Algorithm}'
                  Group:
                    Type: AWS::RDS::DBSubnetGroup
                    Properties: {SubnetIds: !Ref Subnets, Image: !Ref Ami, Region: !Ref AWS::Region}
                """);
        Resource bucket = t.resources().get(0);
        JsonNode sse = bucket.property("BucketEncryption", "ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault");
        assertEquals("aws:kms", sse.path("SSEAlgorithm").asText());
        assertEquals(JSON.createObjectNode().put("Ref", "KeyArn"), sse.path("KMSMasterKeyID"));
        assertEquals(JSON.createObjectNode().put("Fn::Sub", "${Algorithm}"), bucket.property("Name"));
        Resource group = t.resources().get(1);
        assertEquals(JSON.createArrayNode().add("subnet-1").add("subnet-2"), group.property("SubnetIds"));
        assertEquals(JSON.createObjectNode().put("Ref", "Ami"), group.property("Image"));
        assertEquals(JSON.createObjectNode().put("Ref", "AWS::Region"), group.property("Region"));
        // the template tree itself is left as written
        assertTrue(t.root().path("Resources").path("Bucket").toString().contains("{\"Ref\":\"Algorithm\"}"));
    }

    @Test
    void withoutParameterDefaultsTheResourceTreesAreNotCopied() throws Exception {
        Template t = parse("{\"Parameters\": {\"P\": {\"Type\": \"String\"}},"
                + " \"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"X\": {\"Ref\": \"P\"}}}}}");
        assertTrue(t.resources().get(0).definition() == t.root().path("Resources").path("A"));
    }

    @Test
    void byteOrderMarkIsAccepted() throws Exception {
        byte[] body = "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals("A", TemplateParser.parse("bom.json", withBom).resources().get(0).id());
        assertFalse(TemplateLoader.looksLikeTemplate("key: value\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(TemplateLoader.looksLikeTemplate(withBom));
    }

    private static Map<String, Integer> lines(Template t) {
        return t.resources().stream().collect(Collectors.toMap(Resource::id, r -> r.location().line()));
    }
}
