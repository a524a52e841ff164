package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fn::ForEach (AWS::LanguageExtensions) expands as CloudFormation deploys it; what it cannot expand is an input error. */
class ForEachExpansionTest {
    /** Copies of the public sample templates (aws-cloudformation-templates, Apache-2.0; see the folder's README). */
    private static final Path SAMPLES = Path.of("src/test/resources/dev/cxscan/checks/template/foreach");

    private static Template parse(String text) throws TemplateFormatException {
        return TemplateParser.parse("t.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(Template t) {
        return t.resources().stream().map(Resource::id).toList();
    }

    @Test
    void thePublicSampleTemplatesExpandInBothFormats() throws Exception {
        for (String ext : List.of("yaml", "json")) {
            Path ddb = SAMPLES.resolve("fn-foreach-ddb." + ext);
            Template tables = TemplateParser.parse(ddb.toString(), Files.readAllBytes(ddb));
            assertEquals(List.of("DynamoDBPoints", "DynamoDBScore", "DynamoDBName", "DynamoDBLeaderboard"), ids(tables), ext);
            for (Resource r : tables.resources()) {
                assertEquals("AWS::DynamoDB::Table", r.type());
                assertEquals(r.id().substring("DynamoDB".length()), r.definition().at("/Properties/TableName").asText(),
                        "Ref TableName becomes the loop value");
                assertTrue(r.location().line() != null && r.location().line() > 1, "a generated resource has the loop's line");
            }
            Path s3 = SAMPLES.resolve("fn-foreach-s3-outputs." + ext);
            Template buckets = TemplateParser.parse(s3.toString(), Files.readAllBytes(s3));
            assertEquals(List.of("S3BucketA", "S3BucketB", "S3BucketC"), ids(buckets), ext);
            // the nested output loop: GetAtt's !Sub target becomes the logical id it names
            assertEquals("S3BucketB", buckets.root().at("/Outputs/S3BucketBArn/Value/Fn::GetAtt/0").asText());
            assertEquals("Arn", buckets.root().at("/Outputs/S3BucketBArn/Value/Fn::GetAtt/1").asText());
        }
    }

    @Test
    void ampersandFormDropsNonAlphanumericsAndAListParameterDefaultIsTheCollection() throws Exception {
        Template t = parse("""
                Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]
                Parameters:
                  Envs: {Type: CommaDelimitedList, Default: "dev-1, prod"}
                Resources:
                  Fn::ForEach::Queues:
                    - Env
                    - !Ref Envs
                    - Queue&{Env}:
                        Type: AWS::SQS::Queue
                        Properties:
                          QueueName: !Sub app-${Env}
                """);
        assertEquals(List.of("Queuedev1", "Queueprod"), ids(t));
        assertEquals("app-dev-1", t.resources().get(0).definition().at("/Properties/QueueName").asText(),
                "a Sub with no variable left is its string");
    }

    @Test
    void whatCannotBeExpandedIsAnInputErrorNeverASkip() {
        TemplateFormatException noDefault = assertThrows(TemplateFormatException.class, () -> parse("""
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names: {Type: CommaDelimitedList}
                Resources:
                  Fn::ForEach::Q:
                    - N
                    - !Ref Names
                    - Q${N}: {Type: AWS::SQS::Queue}
                """));
        assertTrue(noDefault.getMessage().contains("collection must be a list"), noDefault.getMessage());
        TemplateFormatException twice = assertThrows(TemplateFormatException.class, () -> parse("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Q:
                    - N
                    - [a, b]
                    - Same: {Type: AWS::SQS::Queue}
                """));
        assertTrue(twice.getMessage().contains("generates Same twice"), twice.getMessage());
        TemplateFormatException shape = assertThrows(TemplateFormatException.class, () -> parse("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Q: [N, [a]]
                """));
        assertTrue(shape.getMessage().contains("takes 3 arguments"), shape.getMessage());
    }

    @Test
    void withoutTheTransformALoopIsRefusedAsCloudFormationRefusesIt() {
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> parse("""
                Resources:
                  Fn::ForEach::Q:
                    - N
                    - [a]
                    - Q${N}: {Type: AWS::SQS::Queue}
                """));
        assertTrue(e.getMessage().contains("has no Type"), e.getMessage());
    }

    @Test
    void aNestedLoopBombIsRejected() {
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            values.append(i == 0 ? "" : ", ").append("v").append(i);
        }
        values.append("]");
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> parse("""
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::A:
                    - X
                    - %s
                    - Fn::ForEach::B:
                        - Y
                        - %s
                        - Q${X}${Y}: {Type: AWS::SQS::Queue}
                """.formatted(values, values)));
        assertTrue(e.getMessage().contains("more than " + ForEachExpansion.MAX_GENERATED), e.getMessage());
    }
}
