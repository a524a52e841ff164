package dev.cxscan.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.json.JsonReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.CfnResourceProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StageSynthesisOptions;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.constructs.Construct;

class CompetencyChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path outdir;

    private App app() {
        return new App(AppProps.builder().outdir(outdir.toString()).build());
    }

    private static CfnSecurityGroup sshFromAnywhere(Construct scope, String id) {
        return CfnSecurityGroup.Builder.create(scope, id)
                .groupDescription("bastion")
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .build();
    }

    @Test
    void highFindingIsAnErrorOnTheConstructWithCheckControlAndRemediation() {
        App app = app();
        Stack stack = new Stack(app, "Net");
        sshFromAnywhere(stack, "Bastion");
        Aspects.of(app).add(CompetencyChecks.builder().rules(List.of(new OpenAdminPortTestRule())).build());

        Annotations.fromStack(stack).hasError("/Net/Bastion", Match.stringLikeRegexp(
                "^ec2_sg_no_public_admin_ports \\(NETSEC-\\d+\\) at Net/Bastion: ingress from 0\\.0\\.0\\.0/0 to port 22\\. "
                        + "Remediation: Restrict SSH ingress.*"));
        Annotations.fromStack(stack).hasNoWarning("*", Match.anyValue());
    }

    @Test
    void openSshFailsWithTheBranchRulesWhenTheSecurityGroupRuleIsPresent() {
        boolean present = Rules.all().stream().anyMatch(r -> r.check().id().equals("ec2_sg_no_public_admin_ports"));
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "ec2_sg_no_public_admin_ports is not on this branch");
        App app = app();
        Stack stack = new Stack(app, "Net");
        sshFromAnywhere(stack, "Bastion");
        Aspects.of(app).add(new CompetencyChecks());
        Annotations.fromStack(stack).hasError("/Net/Bastion", Match.stringLikeRegexp("^ec2_sg_no_public_admin_ports .*"));
    }

    @Test
    void lowFindingIsAWarningAndAnErrorWhenFailOnIsLow() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        new Bucket(stack, "Docs"); // no versioning: s3_bucket_versioning (low)
        Aspects.of(app).add(new CompetencyChecks());

        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasWarning("/Docs/Docs/Resource", Match.stringLikeRegexp(
                "^s3_bucket_versioning \\(REL-002\\) at Docs/Docs/Resource: .*Remediation: .*"));
        annotations.hasNoError("*", Match.anyValue());

        App strict = app();
        Stack strictStack = new Stack(strict, "Docs");
        new Bucket(strictStack, "Docs");
        Aspects.of(strict).add(CompetencyChecks.builder().failOn(Severity.LOW).build());
        Annotations.fromStack(strictStack).hasError("/Docs/Docs/Resource", Match.stringLikeRegexp("^s3_bucket_versioning .*"));
    }

    @Test
    void passingAndSuppressedFindingsDoNotAnnotate() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Bucket versioned = Bucket.Builder.create(stack, "Versioned").versioned(true).build();
        Bucket accepted = new Bucket(stack, "Scratch");
        CompetencyChecks.suppress(accepted, "s3_bucket_versioning", "scratch data, regenerated nightly");
        CompetencyChecks aspect = new CompetencyChecks();
        Aspects.of(app).add(aspect);

        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasNoWarning("*", Match.stringLikeRegexp("^s3_bucket_versioning.*"));
        annotations.hasNoError("*", Match.anyValue());
        Map<String, Finding> versioning = aspect.result(stack).orElseThrow().findings().stream()
                .filter(f -> f.check().equals("s3_bucket_versioning"))
                .collect(Collectors.toMap(f -> f.resource().cdkPath(), f -> f));
        assertEquals(Status.PASS, versioning.get("Docs/Versioned/Resource").status());
        Finding suppressed = versioning.get("Docs/Scratch/Resource");
        assertEquals(Status.SUPPRESSED, suppressed.status());
        assertEquals("scratch data, regenerated nightly", suppressed.suppression().reason());
        assertTrue(versioned.getNode().getPath().endsWith("Versioned"));
    }

    @Test
    void suppressWritesTheCxscanMetadataThatTheTemplateScanHonours() throws Exception {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Bucket bucket = new Bucket(stack, "Scratch");
        CompetencyChecks.suppress(bucket, "s3_bucket_versioning", "scratch data");
        CompetencyChecks.suppress(bucket, "s3_bucket_encrypted", "first reason");
        CompetencyChecks.suppress(bucket, "s3_bucket_encrypted", "second reason replaces it");
        app.synth();

        JsonNode template = JSON.readTree(outdir.resolve("Docs.template.json").toFile());
        JsonNode metadata = template.path("Resources").path(logicalIdOf(template, "AWS::S3::Bucket")).path("Metadata");
        assertEquals(JSON.readTree("""
                {"suppressions": [{"id": "s3_bucket_versioning", "reason": "scratch data"},
                                  {"id": "s3_bucket_encrypted", "reason": "second reason replaces it"}]}"""),
                metadata.path("cxscan"));
        List<Finding> scanned = RuleEngine.withAllRules().evaluate(TemplateParser.parse("Docs.template.json",
                Files.readAllBytes(outdir.resolve("Docs.template.json"))).resourceSet(), new Diagnostics());
        assertTrue(scanned.stream().anyMatch(f -> f.check().equals("s3_bucket_versioning") && f.status() == Status.SUPPRESSED));
    }

    @Test
    void suppressRejectsAnEmptyReasonAnUnknownCheckAndAConstructWithoutResource() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Bucket bucket = new Bucket(stack, "Docs");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> CompetencyChecks.suppress(bucket, "s3_bucket_versioning", "  "));
        assertTrue(empty.getMessage().contains("needs a reason"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompetencyChecks.suppress(bucket, "s3_bucket_versioning", null));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CompetencyChecks.suppress(bucket, "s3_versioning", "typo"));
        assertTrue(unknown.getMessage().contains("unknown cxscan check id"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CompetencyChecks.suppress(new Construct(stack, "Empty"), "s3_bucket_versioning", "reason"));
        assertEquals(null, ((CfnBucket) bucket.getNode().getDefaultChild()).getMetadata("cxscan"));
    }

    @Test
    void suppressApplyToChildrenCoversEveryResourceUnderTheConstruct() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Construct tier = new Construct(stack, "Tier");
        new Bucket(tier, "A");
        new Bucket(tier, "B");
        new Bucket(stack, "Outside");
        CompetencyChecks.suppress(tier, "s3_bucket_versioning", "tier-wide exception", true);
        CompetencyChecks aspect = new CompetencyChecks();
        Aspects.of(app).add(aspect);
        app.synth();

        Map<String, Status> byPath = aspect.result(stack).orElseThrow().findings().stream()
                .filter(f -> f.check().equals("s3_bucket_versioning"))
                .collect(Collectors.toMap(f -> f.resource().cdkPath(), Finding::status));
        assertEquals(Map.of("Docs/Tier/A/Resource", Status.SUPPRESSED, "Docs/Tier/B/Resource", Status.SUPPRESSED,
                "Docs/Outside/Resource", Status.FAIL), byPath);
    }

    @Test
    void escapeHatchOverridesAreWhatTheRulesSee() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Bucket bucket = new Bucket(stack, "Docs"); // L2 without versioning ...
        ((CfnBucket) bucket.getNode().getDefaultChild())
                .addPropertyOverride("VersioningConfiguration.Status", "Enabled"); // ... turned on by an override
        Bucket broken = Bucket.Builder.create(stack, "Broken").versioned(true).build();
        ((CfnBucket) broken.getNode().getDefaultChild()).addPropertyOverride("VersioningConfiguration.Status", "Suspended");
        CompetencyChecks aspect = new CompetencyChecks();
        Aspects.of(app).add(aspect);
        app.synth();

        Map<String, Status> byPath = aspect.result(stack).orElseThrow().findings().stream()
                .filter(f -> f.check().equals("s3_bucket_versioning"))
                .collect(Collectors.toMap(f -> f.resource().cdkPath(), Finding::status));
        assertEquals(Map.of("Docs/Docs/Resource", Status.PASS, "Docs/Broken/Resource", Status.FAIL), byPath);
    }

    @Test
    void reportFileEqualsTheTemplateScanOfTheWrittenTemplate() throws Exception {
        App app = app();
        Stack data = new Stack(app, "Data");
        Bucket bucket = new Bucket(data, "Docs");
        Stack api = new Stack(app, "Api");
        Role role = Role.Builder.create(api, "Reader").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        bucket.grantRead(role); // cross-stack reference: resolved only once the app is prepared
        sshFromAnywhere(api, "Bastion");
        Aspects.of(app).add(CompetencyChecks.builder()
                .rules(concat(Rules.all(), new OpenAdminPortTestRule())).build());
        app.synth();

        for (String stack : List.of("Data", "Api")) {
            Path report = outdir.resolve(stack + ".cxscan.json");
            assertTrue(Files.exists(report), report + " written");
            JsonNode fromAspect = JsonReportWriter.mapper().readTree(report.toFile());
            assertEquals(stack + ".template.json", fromAspect.path("scan").path("templates").path(0).asText());
            List<Finding> fromTemplate = new RuleEngine(concat(Rules.all(), new OpenAdminPortTestRule())).evaluate(
                    TemplateParser.parse(stack + ".template.json",
                            Files.readAllBytes(outdir.resolve(stack + ".template.json"))).resourceSet(),
                    new Diagnostics());
            assertEquals(keys(fromTemplate), keys(findings(fromAspect)), stack);
            assertFalse(fromTemplate.isEmpty(), stack + " has findings");
        }
        assertTrue(findings(JsonReportWriter.mapper().readTree(outdir.resolve("Api.cxscan.json").toFile())).stream()
                .anyMatch(f -> f.check().equals("ec2_sg_no_public_admin_ports") && f.status() == Status.FAIL));
    }

    @Test
    void aspectBelowAStackReportsOnlyTheResourcesUnderIt() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        Construct tier = new Construct(stack, "Tier");
        new Bucket(tier, "Inside");
        new Bucket(stack, "Outside");
        CompetencyChecks aspect = CompetencyChecks.builder().reports(false).build();
        Aspects.of(tier).add(aspect);

        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasWarning("/Docs/Tier/Inside/Resource", Match.stringLikeRegexp("^s3_bucket_versioning.*"));
        annotations.hasNoWarning("/Docs/Outside/Resource", Match.anyValue());
        assertEquals(Set.of("Docs/Tier/Inside/Resource"), aspect.result(stack).orElseThrow().findings().stream()
                .map(f -> f.resource().cdkPath()).collect(Collectors.toSet()));
        assertFalse(Files.exists(outdir.resolve("Docs.cxscan.json")), "reports(false) writes no file");
    }

    @Test
    void synthesizingAgainDoesNotRepeatAnnotations() {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        new Bucket(stack, "Docs");
        Aspects.of(app).add(new CompetencyChecks());
        int first = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("^s3_bucket_versioning.*")).size();
        int second = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("^s3_bucket_versioning.*")).size();
        assertEquals(1, first);
        assertEquals(1, second);
    }

    /** A resource whose rendering Java can count: CDK calls renderProperties each time it renders the stack. */
    private static final class CountedTopic extends CfnResource {
        final AtomicInteger renders = new AtomicInteger();

        CountedTopic(Construct scope, String id) {
            super(scope, id, CfnResourceProps.builder().type("AWS::SNS::Topic").build());
        }

        @Override
        protected Map<String, Object> renderProperties(Map<String, Object> props) {
            renders.incrementAndGet();
            return Map.of("TopicName", "counted");
        }
    }

    /** Two stacks with a cross-stack reference and an escape-hatch override; the counted resource in Api. */
    private static CountedTopic sample(App app) {
        Stack data = new Stack(app, "Data");
        Bucket bucket = new Bucket(data, "Docs");
        ((CfnBucket) bucket.getNode().getDefaultChild()).addPropertyOverride("VersioningConfiguration.Status", "Enabled");
        Stack api = new Stack(app, "Api");
        Role role = Role.Builder.create(api, "Reader").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        bucket.grantRead(role);
        sshFromAnywhere(api, "Bastion");
        return new CountedTopic(api, "Counted");
    }

    @Test
    void stackIsRenderedOnceAndWrittenAsWithoutTheAspect(@TempDir Path bareOut) throws Exception {
        App bare = new App(AppProps.builder().outdir(bareOut.toString()).build());
        CountedTopic bareTopic = sample(bare);
        bare.synth();
        App app = app();
        CountedTopic topic = sample(app);
        CompetencyChecks aspect = new CompetencyChecks();
        Aspects.of(app).add(aspect);
        app.synth();

        assertTrue(bareTopic.renders.get() > 0);
        assertEquals(bareTopic.renders.get(), topic.renders.get(),
                "the synthesizer reuses the aspect's rendering instead of rendering the stack again");
        assertTrue(aspect.result((Stack) app.getNode().findChild("Api")).orElseThrow().findings().stream()
                .anyMatch(f -> f.resource().cdkPath().equals("Api/Counted") && f.check().equals("sns_topic_encrypted")),
                "the rules saw the counted resource");
        for (String stack : List.of("Data", "Api")) {
            assertEquals(Files.readString(bareOut.resolve(stack + ".template.json")),
                    Files.readString(outdir.resolve(stack + ".template.json")), stack);
        }
    }

    @Test
    void aSynthesisStoppedByAnotherValidationErrorLeavesNothingStale() throws Exception {
        App app = app();
        Stack stack = new Stack(app, "Docs");
        new Bucket(stack, "First");
        boolean[] broken = {true};
        new Construct(stack, "Gate").getNode().addValidation(() -> broken[0] ? List.of("not yet") : List.of());
        CompetencyChecks aspect = new CompetencyChecks();
        Aspects.of(app).add(aspect);
        assertThrows(RuntimeException.class, app::synth);
        assertTrue(aspect.result(stack).isEmpty(), "no template was written, so nothing was checked");

        broken[0] = false;
        new Bucket(stack, "Second");
        app.synth(StageSynthesisOptions.builder().force(true).build());
        String written = Files.readString(outdir.resolve("Docs.template.json"));
        assertTrue(written.contains("\"Second"), "the second bucket is written");
        assertEquals(Set.of("Docs/First/Resource", "Docs/Second/Resource"), aspect.result(stack).orElseThrow().findings()
                .stream().filter(f -> f.check().equals("s3_bucket_versioning")).map(f -> f.resource().cdkPath())
                .collect(Collectors.toSet()));
    }

    /** The findings of a results.json document. */
    static List<Finding> findings(JsonNode results) {
        return JsonReportWriter.mapper().convertValue(results.path("findings"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Finding>>() { });
    }

    private static <T> List<T> concat(List<? extends T> list, T extra) {
        List<T> out = new java.util.ArrayList<>(list);
        out.add(extra);
        return out;
    }

    static Set<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.check() + " " + f.resource().id() + " " + f.status()).collect(Collectors.toSet());
    }

    private static String logicalIdOf(JsonNode template, String type) {
        var it = template.path("Resources").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (type.equals(e.getValue().path("Type").asText())) {
                return e.getKey();
            }
        }
        throw new AssertionError("no " + type);
    }
}
