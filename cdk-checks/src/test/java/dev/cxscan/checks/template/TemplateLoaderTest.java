package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLoaderTest {
    @TempDir
    Path tmp;

    private final Diagnostics diagnostics = new Diagnostics();

    static String cdkTemplate(String bucketId, String cdkPath) {
        return """
                {
                 "Resources": {
                  "%s": {
                   "Type": "AWS::S3::Bucket",
                   "Properties": {"VersioningConfiguration": {"Status": "Enabled"}},
                   "Metadata": {"aws:cdk:path": "%s"}
                  }
                 }
                }
                """.formatted(bucketId, cdkPath);
    }

    static String nestedParent(String stackResourceId, String nestedFile) {
        return """
                {
                 "Resources": {
                  "%s": {
                   "Type": "AWS::CloudFormation::Stack",
                   "Properties": {"TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::URLSuffix"}, "/x/y.json"]]}},
                   "Metadata": {"aws:cdk:path": "App/Nested.NestedStack/Nested.NestedStackResource",
                                "aws:asset:path": "%s", "aws:asset:property": "TemplateURL"}
                  }
                 }
                }
                """.formatted(stackResourceId, nestedFile);
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** A cdk.out the way `cdk synth` writes it: stacks, asset manifests, tree, an asset folder. */
    private Path cdkOut(Path dir) throws IOException {
        write(dir.resolve("cdk.out"), "{\"version\":\"36.0.0\"}");
        write(dir.resolve("manifest.json"), """
                {"version": "36.0.0",
                 "artifacts": {
                  "App.assets": {"type": "cdk:asset-manifest", "properties": {"file": "App.assets.json"}},
                  "App": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                          "properties": {"templateFile": "App.template.json", "stackName": "my-app"}},
                  "Data": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                           "properties": {"templateFile": "Data.template.json"}},
                  "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
                 }}
                """);
        write(dir.resolve("App.template.json"), cdkTemplate("AppBucket1234ABCD", "App/Bucket/Resource"));
        write(dir.resolve("Data.template.json"), cdkTemplate("DataBucket5678EFAB", "Data/Bucket/Resource"));
        write(dir.resolve("App.assets.json"), "{\"version\": \"36.0.0\", \"files\": {}}");
        write(dir.resolve("tree.json"), "{\"version\": \"tree-0.1\", \"tree\": {\"id\": \"App\"}}");
        write(dir.resolve("asset.0123456789abcdef/template.json"), cdkTemplate("AssetBucket", "Asset/Bucket"));
        return dir;
    }

    private List<Template> load(Path... inputs) {
        return new TemplateLoader(diagnostics).load(List.of(inputs));
    }

    private static List<String> paths(List<Template> templates) {
        return templates.stream().map(Template::path).toList();
    }

    private String onlyError() {
        assertEquals(1, diagnostics.inputErrors().size(), () -> "errors: " + diagnostics.inputErrors());
        return diagnostics.inputErrors().get(0).toString();
    }

    // ---------------------------------------------------------------- single files

    @Test
    void loadsTemplateFilesOfEveryExtensionByContent() throws IOException {
        Path json = write(tmp.resolve("a.json"), cdkTemplate("A", "S/A"));
        Path yaml = write(tmp.resolve("b.yaml"), "Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
        Path yml = write(tmp.resolve("c.yml"), "Resources:\n  C:\n    Type: AWS::S3::Bucket\n");
        Path template = write(tmp.resolve("d.template"), "{\"Resources\": {\"D\": {\"Type\": \"AWS::S3::Bucket\"}}}");
        List<Template> loaded = load(json, yaml, yml, template);
        assertEquals(List.of(json.toString(), yaml.toString(), yml.toString(), template.toString()), paths(loaded));
        assertEquals(List.of("A", "B", "C", "D"), loaded.stream().map(t -> t.resources().get(0).id()).toList());
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertNull(loaded.get(0).stackName());
    }

    @Test
    void missingPathIsAnInputErrorAndOtherInputsStillLoad() throws IOException {
        Path good = write(tmp.resolve("good.json"), cdkTemplate("Good", "S/Good"));
        Path missing = tmp.resolve("nope/missing.yaml");
        List<Template> loaded = load(missing, good);
        assertEquals(List.of(good.toString()), paths(loaded));
        assertEquals(missing + ": no such file or folder", onlyError());
    }

    @Test
    void invalidJsonIsReportedWithItsLine() throws IOException {
        Path bad = write(tmp.resolve("bad.json"), "{\n \"Resources\": {\n  \"A\": {\"Type\": \"AWS::S3::Bucket\",}\n }\n}\n");
        Path good = write(tmp.resolve("good.json"), cdkTemplate("Good", "S/Good"));
        assertEquals(List.of(good.toString()), paths(load(bad, good)));
        Diagnostics.InputError error = diagnostics.inputErrors().get(0);
        assertEquals(bad.toString(), error.file());
        assertEquals(3, error.line());
        assertTrue(error.message().startsWith("invalid JSON"), error.message());
        assertEquals(1, diagnostics.inputErrors().size());
    }

    @Test
    void invalidYamlIsReportedWithItsLine() throws IOException {
        Path bad = write(tmp.resolve("bad.yaml"), "Resources:\n  A:\n    Type: AWS::S3::Bucket\n   Properties: [x\n");
        assertEquals(List.of(), load(bad));
        Diagnostics.InputError error = diagnostics.inputErrors().get(0);
        assertTrue(error.message().startsWith("invalid YAML"), error.message());
        assertEquals(4, error.line());
    }

    @Test
    void templateOverFiftyMegabytesIsRejectedBeforeReading() throws IOException {
        Path big = tmp.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ParseLimits.MAX_TEMPLATE_BYTES + 1); // sparse: costs no disk and is never read
        }
        Path good = write(tmp.resolve("good.json"), cdkTemplate("Good", "S/Good"));
        assertEquals(List.of(good.toString()), paths(load(big, good)));
        String error = onlyError();
        assertTrue(error.contains("rejected: 52428801 bytes is over the 50 MB limit"), error);
    }

    @Test
    void bigFileFoundByFolderSearchIsReportedWhenItLooksLikeATemplate() throws IOException {
        Path dir = tmp.resolve("big");
        Path big = write(dir.resolve("huge.template.json"), "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ParseLimits.MAX_TEMPLATE_BYTES + 10);
        }
        Path data = tmp.resolve("big/data.json");
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(ParseLimits.MAX_TEMPLATE_BYTES + 10); // zeros: clearly not a template, skipped
        }
        write(dir.resolve("ok.yaml"), "Resources:\n  A:\n    Type: AWS::SQS::Queue\n");
        assertEquals(List.of(dir.resolve("ok.yaml").toString()), paths(load(dir)));
        String error = onlyError();
        assertTrue(error.startsWith(big + ": rejected"), error);
    }

    @Test
    void unreadableFileIsAnInputError() throws IOException {
        Path secret = write(tmp.resolve("secret.json"), cdkTemplate("A", "S/A"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(secret), "running as root: permissions do not stop reading");
        assertEquals(List.of(), load(secret));
        assertTrue(onlyError().contains("cannot read"), onlyError());
    }

    @Test
    void brokenLinkFoundInAFolderIsAnInputError() throws IOException {
        Path dir = tmp.resolve("links");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("gone.template.json"), tmp.resolve("deleted.json"));
        write(dir.resolve("ok.json"), cdkTemplate("Ok", "S/Ok"));
        assertEquals(List.of(dir.resolve("ok.json").toString()), paths(load(dir)));
        String error = onlyError();
        assertTrue(error.startsWith(dir.resolve("gone.template.json") + ": cannot read"), error);
    }

    // ---------------------------------------------------------------- folders

    @Test
    void folderIsSearchedRecursivelyInSortedOrderSkippingNonTemplates() throws IOException {
        Path root = tmp.resolve("proj");
        write(root.resolve("z.yaml"), "Resources:\n  Z:\n    Type: AWS::SQS::Queue\n");
        write(root.resolve("a/b.json"), cdkTemplate("B", "S/B"));
        write(root.resolve("a/a.template"), "Resources:\n  A:\n    Type: AWS::SQS::Queue\n");
        write(root.resolve("m.yml"), "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  M:\n    Type: AWS::SNS::Topic\n");
        // not templates: skipped without errors
        write(root.resolve("package.json"), "{\"name\": \"x\"}");
        write(root.resolve("tsconfig.json"), "{\"compilerOptions\": {}}");
        write(root.resolve("cdk.json"), "{\"app\": \"npx ts-node bin/app.ts\"}");
        write(root.resolve("cdk.context.json"), "{}");
        write(root.resolve("x.assets.json"), "{\"Resources\": 1}");
        write(root.resolve("config.json"), "{\"settings\": {\"Resources\": \"not top level\"}}");
        write(root.resolve(".github/workflows/ci.yml"), "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
        write(root.resolve("helm/templates/deploy.yaml"), "kind: Deployment\nspec: {{ .Values.spec }}\n");
        write(root.resolve("serverless.yml"), "service: x\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n");
        write(root.resolve("notes.txt"), "Resources: not yaml we look at");
        write(root.resolve("node_modules/lib/t.json"), cdkTemplate("Dep", "Dep/Bucket"));
        write(root.resolve(".git/t.json"), cdkTemplate("Git", "Git/Bucket"));
        List<Template> loaded = load(root);
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(List.of(root.resolve("a/a.template").toString(), root.resolve("a/b.json").toString(),
                root.resolve("m.yml").toString(), root.resolve("z.yaml").toString()), paths(loaded));
    }

    @Test
    void brokenTemplateFoundInAFolderIsReported() throws IOException {
        Path root = tmp.resolve("proj");
        write(root.resolve("ok.json"), cdkTemplate("Ok", "S/Ok"));
        write(root.resolve("broken.yaml"), "Resources:\n  A:\n    Type: [unclosed\n");
        assertEquals(List.of(root.resolve("ok.json").toString()), paths(load(root)));
        String error = onlyError();
        assertTrue(error.startsWith(root.resolve("broken.yaml") + ":"), error);
        assertTrue(error.contains("invalid YAML"), error);
    }

    @Test
    void emptyFolderAndFolderWithoutTemplatesSayNoTemplatesFound() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path other = tmp.resolve("other");
        write(other.resolve("package.json"), "{\"name\": \"x\"}");
        write(other.resolve("data.yaml"), "key: value\n");
        Path good = write(tmp.resolve("good.yaml"), "Resources:\n  A:\n    Type: AWS::SQS::Queue\n");
        assertEquals(List.of(good.toString()), paths(load(empty, other, good)));
        assertEquals(List.of(empty + ": no templates found", other + ": no templates found"),
                diagnostics.inputErrors().stream().map(Object::toString).toList());
    }

    @Test
    void pathsAreAsFoundFromTheGivenPath() throws IOException {
        cdkOut(tmp.resolve("examples/cdk.out"));
        Path relative = Path.of("").toAbsolutePath().relativize(tmp.resolve("examples"));
        List<Template> loaded = load(relative);
        assertEquals(List.of(relative.resolve("cdk.out/App.template.json").toString(),
                relative.resolve("cdk.out/Data.template.json").toString()), paths(loaded));
        Resource bucket = loaded.get(0).resources().get(0);
        assertEquals(relative.resolve("cdk.out/App.template.json").toString(), bucket.location().file());
    }

    // ---------------------------------------------------------------- cdk.out

    @Test
    void cloudAssemblyIsReadThroughItsManifestOnly() throws IOException {
        Path out = cdkOut(tmp.resolve("cdk.out"));
        List<Template> loaded = load(out);
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(List.of(out.resolve("App.template.json").toString(), out.resolve("Data.template.json").toString()),
                paths(loaded));
        assertEquals("my-app", loaded.get(0).stackName());
        assertEquals("Data", loaded.get(1).stackName());
        assertEquals("App/Bucket/Resource", loaded.get(0).resources().get(0).location().cdkPath());
    }

    @Test
    void folderContainingCdkOutReadsItThroughTheManifestWithoutDuplicates() throws IOException {
        Path project = tmp.resolve("project");
        cdkOut(project.resolve("cdk.out"));
        write(project.resolve("cdk.json"), "{\"app\": \"mvn exec:java\"}");
        write(project.resolve("infra/extra.yaml"), "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
        // a stale template the manifest no longer names: not read
        write(project.resolve("cdk.out/Old.template.json"), cdkTemplate("Old", "Old/Bucket"));
        List<Template> loaded = load(project, project.resolve("cdk.out"), project.resolve("cdk.out/App.template.json"));
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(List.of(project.resolve("cdk.out/App.template.json").toString(),
                project.resolve("cdk.out/Data.template.json").toString(),
                project.resolve("infra/extra.yaml").toString()), paths(loaded));
        assertEquals("my-app", loaded.get(0).stackName());
    }

    @Test
    void nestedStacksFollowTheirParentAndUnreferencedOnesAreStillLoaded() throws IOException {
        Path out = tmp.resolve("cdk.out");
        write(out.resolve("manifest.json"), """
                {"version": "36.0.0", "artifacts": {
                  "Parent": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Parent.template.json"}},
                  "Other": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Other.template.json"}}
                }}
                """);
        write(out.resolve("Parent.template.json"), nestedParent("NestedStackResourceAB12", "ParentNestedA1B2C3.nested.template.json"));
        write(out.resolve("ParentNestedA1B2C3.nested.template.json"),
                nestedParent("InnerStackResourceCD34", "InnerD4E5.nested.template.json"));
        write(out.resolve("InnerD4E5.nested.template.json"), cdkTemplate("InnerBucket", "Parent/Nested/Inner/Bucket"));
        write(out.resolve("Other.template.json"), cdkTemplate("OtherBucket", "Other/Bucket/Resource"));
        write(out.resolve("AaaOrphan.nested.template.json"), cdkTemplate("OrphanBucket", "X/Orphan"));
        List<Template> loaded = load(out);
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(List.of(out.resolve("Parent.template.json").toString(),
                out.resolve("ParentNestedA1B2C3.nested.template.json").toString(),
                out.resolve("InnerD4E5.nested.template.json").toString(),
                out.resolve("Other.template.json").toString(),
                out.resolve("AaaOrphan.nested.template.json").toString()), paths(loaded));
        assertEquals(List.of("Parent", "Parent/NestedStackResourceAB12", "Parent/NestedStackResourceAB12/InnerStackResourceCD34",
                "Other", "AaaOrphan"), loaded.stream().map(Template::stackName).toList());
    }

    @Test
    void nestedStackWhoseTemplateIsMissingIsAnInputError() throws IOException {
        Path out = tmp.resolve("cdk.out");
        write(out.resolve("manifest.json"), """
                {"artifacts": {"Parent": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Parent.template.json"}}}}
                """);
        write(out.resolve("Parent.template.json"), nestedParent("NestedRes", "Gone.nested.template.json"));
        assertEquals(List.of(out.resolve("Parent.template.json").toString()), paths(load(out)));
        String error = onlyError();
        assertTrue(error.startsWith(out.resolve("Gone.nested.template.json") + ": no such file"), error);
        assertTrue(error.contains("NestedRes"), error);
    }

    @Test
    void stageSubAssembliesAreReadRecursively() throws IOException {
        Path out = tmp.resolve("cdk.out");
        write(out.resolve("manifest.json"), """
                {"version": "36.0.0", "artifacts": {
                  "Pipeline": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Pipeline.template.json"}},
                  "assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}
                }}
                """);
        write(out.resolve("Pipeline.template.json"), cdkTemplate("ArtifactsBucket", "Pipeline/Artifacts/Resource"));
        write(out.resolve("assembly-Prod/manifest.json"), """
                {"version": "36.0.0", "artifacts": {
                  "ProdServiceA1B2C3D4": {"type": "aws:cloudformation:stack",
                     "properties": {"templateFile": "ProdServiceA1B2C3D4.template.json", "stackName": "Prod-Service"},
                     "displayName": "Prod/Service"},
                  "assembly-Prod-Inner": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod-Inner"}}
                }}
                """);
        write(out.resolve("assembly-Prod/ProdServiceA1B2C3D4.template.json"), cdkTemplate("DataBucket", "Prod/Service/Data/Resource"));
        write(out.resolve("assembly-Prod/assembly-Prod-Inner/manifest.json"), """
                {"artifacts": {"Deep": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Deep.template.json"}}}}
                """);
        write(out.resolve("assembly-Prod/assembly-Prod-Inner/Deep.template.json"), cdkTemplate("DeepBucket", "Deep/B"));
        List<Template> loaded = load(out);
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(List.of(out.resolve("Pipeline.template.json").toString(),
                out.resolve("assembly-Prod/ProdServiceA1B2C3D4.template.json").toString(),
                out.resolve("assembly-Prod/assembly-Prod-Inner/Deep.template.json").toString()), paths(loaded));
        assertEquals(List.of("Pipeline", "Prod-Service", "Deep"), loaded.stream().map(Template::stackName).toList());
    }

    @Test
    void brokenManifestIsAnInputErrorAndTheTemplatesAreStillChecked() throws IOException {
        Path out = cdkOut(tmp.resolve("cdk.out"));
        write(out.resolve("manifest.json"), "{\n  \"version\": \"36.0.0\",\n  \"artifacts\": {\n");
        List<Template> loaded = load(out);
        Diagnostics.InputError error = diagnostics.inputErrors().get(0);
        assertEquals(out.resolve("manifest.json").toString(), error.file());
        assertTrue(error.message().startsWith("invalid cloud assembly manifest"), error.message());
        assertEquals(1, diagnostics.inputErrors().size(), diagnostics.inputErrors()::toString);
        // the asset folder is still skipped
        assertEquals(List.of(out.resolve("App.template.json").toString(), out.resolve("Data.template.json").toString()),
                paths(loaded));
    }

    @Test
    void cdkOutWithoutStacksSaysNoTemplatesFound() throws IOException {
        Path out = tmp.resolve("cdk.out");
        write(out.resolve("manifest.json"), "{\"version\": \"36.0.0\", \"artifacts\": {\"Tree\": {\"type\": \"cdk:tree\"}}}");
        assertEquals(List.of(), load(out));
        assertEquals(out + ": no templates found", onlyError());
    }

    @Test
    void loadingIsDeterministicAcrossRuns() throws IOException {
        Path root = tmp.resolve("many");
        for (int i = 0; i < 40; i++) {
            write(root.resolve("d" + (i % 7) + "/t" + i + ".json"), cdkTemplate("B" + i, "S/B" + i));
        }
        write(root.resolve("d3/bad.json"), "{\"Resources\": }");
        List<String> first = paths(load(root));
        List<String> errors = diagnostics.inputErrors().stream().map(Object::toString).toList();
        for (int run = 0; run < 3; run++) {
            Diagnostics d = new Diagnostics();
            assertEquals(first, paths(new TemplateLoader(d).load(List.of(root))));
            assertEquals(errors, d.inputErrors().stream().map(Object::toString).toList());
        }
        assertEquals(40, first.size());
        List<String> sorted = first.stream().sorted((a, b) -> {
            Path pa = Path.of(a);
            Path pb = Path.of(b);
            int c = pa.getParent().getFileName().toString().compareTo(pb.getParent().getFileName().toString());
            return c != 0 ? c : pa.getFileName().toString().compareTo(pb.getFileName().toString());
        }).toList();
        assertEquals(sorted, first);
    }

    @Test
    void generatedAssemblyLoadsEveryStackAndResourceInManifestOrder() throws IOException {
        Path out = tmp.resolve("gen/cdk.out");
        LoadBenchmark.writeCloudAssembly(out, 12, 120);
        List<Template> loaded = load(tmp.resolve("gen"));
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals(12, loaded.size());
        for (int s = 0; s < 12; s++) {
            Template t = loaded.get(s);
            assertEquals("Service" + s + "Stack", t.stackName());
            assertEquals(out.resolve("Service" + s + "Stack.template.json").toString(), t.path());
            assertEquals(120, t.resources().size());
            for (Resource r : t.resources()) {
                assertTrue(r.location().line() != null && r.location().line() > 2, r::toString);
                assertTrue(r.location().cdkPath().startsWith("Service" + s + "Stack/"), r::toString);
            }
        }
        // the CDK bootstrap parameter has an SSM default: no substitution, so no copies of the resources
        Resource first = loaded.get(0).resources().get(0);
        assertTrue(first.definition() == loaded.get(0).root().path("Resources").path(first.id()));
    }
}
