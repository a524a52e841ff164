package dev.cxscan.examples;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * A typical generative-AI customer example (retrieval-augmented chat API) as two stacks built
 * from the same constructs: CompliantStack passes every automated cxscan check, NoncompliantStack
 * takes the usual shortcuts so that the checks have something to find.
 * Synthesize with {@code mvn -q compile exec:java} (writes cdk.out; set CDK_OUTDIR to change it).
 */
public final class GenAiApp {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    private GenAiApp() {
    }

    public static void main(String[] args) {
        App app = createApp(System.getenv().getOrDefault("CDK_OUTDIR", "cdk.out"));
        app.synth();
    }

    /** The app with both stacks; the AZ context avoids a lookup so synthesis works offline. */
    public static App createApp(String outdir) {
        App app = new App(AppProps.builder()
                .outdir(outdir)
                .context(Map.of(
                        "availability-zones:account=" + ACCOUNT + ":region=" + REGION,
                        List.of(REGION + "a", REGION + "b", REGION + "c"),
                        // what `cdk synth` turns on by default: aws:cdk:path in each resource's Metadata
                        "aws:cdk:enable-path-metadata", true))
                .build());
        Environment env = Environment.builder().account(ACCOUNT).region(REGION).build();
        new WorkloadStack(app, "CompliantStack", StackProps.builder().env(env)
                .description("GenAI RAG chat API built to the AWS Generative AI Competency controls").build(),
                Posture.COMPLIANT);
        new WorkloadStack(app, "NoncompliantStack", StackProps.builder().env(env)
                .description("The same GenAI RAG chat API with common shortcuts (for cxscan to find)").build(),
                Posture.NONCOMPLIANT);
        return app;
    }
}
