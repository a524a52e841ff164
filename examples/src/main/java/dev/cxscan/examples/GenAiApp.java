package dev.cxscan.examples;

import dev.cxscan.cdk.CompetencyChecks;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * A typical generative-AI customer example (retrieval-augmented chat API) as two stacks built
 * from the same constructs: CompliantStack passes every automated cxscan check, NoncompliantStack
 * takes the usual shortcuts so that the checks have something to find.
 * Synthesize with {@code mvn -q compile exec:java} (writes cdk.out; set CDK_OUTDIR to change it).
 *
 * <p>{@link #main} adds the cxscan aspect ({@link CompetencyChecks}) to the app, the one line a user
 * adds to theirs: each FAIL becomes an error or warning annotation on its construct and each stack
 * writes {@code <stack>.cxscan.json} next to its template. Annotations do not stop
 * {@code app.synth()}, so NoncompliantStack still synthesizes (the {@code cdk} CLI reports its
 * errors and exits non-zero, as intended). Set {@code CXSCAN_ASPECT=off} to synthesize without it.
 */
public final class GenAiApp {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    private GenAiApp() {
    }

    public static void main(String[] args) {
        // the CDK CLI passes CDK_OUTDIR; `mvn exec:java` passes examples/cdk.out as the argument
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR", args.length > 0 ? args[0] : "cdk.out");
        App app = createApp(outdir);
        if (!"off".equalsIgnoreCase(System.getenv("CXSCAN_ASPECT"))) {
            Aspects.of(app).add(new CompetencyChecks());
        }
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
