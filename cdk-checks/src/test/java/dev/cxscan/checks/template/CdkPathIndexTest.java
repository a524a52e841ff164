package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates synthesized without aws:cdk:path still get construct paths from the assembly's metadata. */
class CdkPathIndexTest {
    @TempDir
    Path dir;

    @Test
    void constructPathsComeFromTheAdditionalMetadataFile() throws IOException {
        Path out = Files.createDirectories(dir.resolve("cdk.out"));
        Files.writeString(out.resolve("manifest.json"), """
                {"version": "54.0.0", "artifacts": {
                  "App": {"type": "aws:cloudformation:stack",
                          "properties": {"templateFile": "App.template.json"},
                          "additionalMetadataFile": "App.metadata.json"},
                  "Inline": {"type": "aws:cloudformation:stack",
                          "properties": {"templateFile": "Inline.template.json"},
                          "metadata": {"/Inline/Queue/Resource": [{"type": "aws:cdk:logicalId", "data": "Queue4A7E3555"}]}}}}
                """);
        Files.writeString(out.resolve("App.metadata.json"), """
                {"/App": [{"type": "aws:cdk:creationStack", "data": ["..."]}],
                 "/App/Docs/Resource": [{"type": "aws:cdk:logicalId", "data": "Docs1234ABCD"}]}
                """);
        Files.writeString(out.resolve("App.template.json"), """
                {"Resources": {
                  "Docs1234ABCD": {"Type": "AWS::S3::Bucket"},
                  "Tagged": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "App/Own/Resource"}},
                  "Unknown": {"Type": "AWS::S3::Bucket"}}}
                """);
        Files.writeString(out.resolve("Inline.template.json"), """
                {"Resources": {"Queue4A7E3555": {"Type": "AWS::SQS::Queue"}}}
                """);

        Diagnostics diagnostics = new Diagnostics();
        List<Template> templates = new TemplateLoader(diagnostics).load(List.of(out));

        assertEquals(List.of(), diagnostics.inputErrors());
        Template app = templates.stream().filter(t -> "App".equals(t.stackName())).findFirst().orElseThrow();
        assertEquals("App/Docs/Resource", cdkPath(app, "Docs1234ABCD"));
        assertEquals("App/Own/Resource", cdkPath(app, "Tagged"), "the template's own aws:cdk:path wins");
        assertEquals(null, cdkPath(app, "Unknown"));
        Template inline = templates.stream().filter(t -> "Inline".equals(t.stackName())).findFirst().orElseThrow();
        assertEquals("Inline/Queue/Resource", cdkPath(inline, "Queue4A7E3555"));
    }

    private static String cdkPath(Template t, String logicalId) {
        return t.resources().stream().filter(r -> r.id().equals(logicalId)).map(Resource::location)
                .findFirst().orElseThrow().cdkPath();
    }
}
