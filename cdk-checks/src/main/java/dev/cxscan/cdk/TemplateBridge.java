package dev.cxscan.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiModule;

/**
 * The Java side of the bundled jsii module (src/main/jsii, {@code cxscan-cdk-bridge@0.4.0.jsii.tgz})
 * that lets the aspect see the CloudFormation template a stack synthesizes to.
 *
 * <p>aws-cdk-lib builds a stack's template in {@code Stack._toCloudFormation()}: every CfnElement
 * rendered, tokens resolved (references become {@code Ref}/{@code Fn::GetAtt} by logical id),
 * escape-hatch overrides merged. That method is internal, so jsii does not expose it to Java
 * ({@code Kernel.call} refuses it), and rebuilding it from the protected members
 * ({@code cfnProperties}, {@code renderProperties}) would miss {@code addOverride} /
 * {@code addPropertyOverride}, which live in a private field. The module, loaded into the same jsii
 * kernel as aws-cdk-lib, therefore hooks the stack's next {@code _toCloudFormation()} call (the
 * synthesizer's, right before it writes {@code <stack>.template.json}) and passes its result, as
 * JSON text, to {@link CompetencyChecks#checkStack}: the rules see exactly the written template,
 * and the stack is rendered once per synthesis, as without the aspect (see index.js). checkStack
 * returns the annotations, which the bridge adds: one kernel round trip per stack.
 */
final class TemplateBridge {
    static final String FQN = "cxscan-cdk-bridge.Bridge";

    /** The jsii module descriptor of the bridge (loaded once per jsii engine). */
    public static final class Module extends JsiiModule {
        public Module() {
            super("cxscan-cdk-bridge", "0.4.0", Module.class, "cxscan-cdk-bridge@0.4.0.jsii.tgz");
        }

        @Override
        protected List<Class<? extends JsiiModule>> getDependencies() {
            return List.of();
        }

        @Override
        protected Class<?> resolveClass(String fqn) throws ClassNotFoundException {
            if (fqn.equals("cxscan-cdk-bridge.StackAspect")) {
                return CompetencyChecks.class;
            }
            throw new ClassNotFoundException("cxscan-cdk-bridge has no Java class for " + fqn);
        }
    }

    private TemplateBridge() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The jsii engine whose kernel knows aws-cdk-lib's Annotations class (see {@link #annotations}). */
    private static volatile JsiiEngine registered;

    /**
     * What the bridge hands {@code checkStack}: the stack's path, template file name, artifact id,
     * cloud assembly folder, the construct path of each resource by logical id, and the template the
     * synthesizer is writing as JSON text. Everything comes in the one callback: asking the kernel
     * for any of it would be another round trip between the two processes.
     */
    record Rendered(String path, String templateFile, String artifactId, String outdir,
                    Map<String, String> constructs, String templateJson) {
        /** Reads what index.js's render() writes: a JSON object, a line break, the template. */
        static Rendered parse(String rendered) throws IOException {
            int split = rendered == null ? -1 : rendered.indexOf('\n');
            if (split < 0) {
                throw new IllegalStateException("cxscan-cdk-bridge passed no template");
            }
            JsonNode about = JSON.readTree(rendered.substring(0, split));
            Map<String, String> constructs = new HashMap<>();
            about.path("constructs").fields().forEachRemaining(e -> constructs.put(e.getKey(), e.getValue().asText()));
            return new Rendered(about.path("path").asText(), about.path("templateFile").asText(),
                    about.path("artifactId").asText(), about.path("outdir").asText(null), constructs,
                    rendered.substring(split + 1));
        }
    }

    /** One annotation to add: construct path (null for the stack), error or warning, ack id, text. */
    record Annotation(String path, boolean error, String id, String message) {
    }

    /**
     * The annotations as checkStack returns them to the bridge, which adds them (null when there
     * are none). The first time in a jsii kernel, tells the bridge which Annotations class to use.
     */
    static String annotations(Stack stack, List<Annotation> annotations) {
        if (annotations.isEmpty()) {
            return null;
        }
        JsiiEngine engine = JsiiEngine.getInstance();
        if (registered != engine) {
            engine.loadModule(Module.class);
            ArrayNode args = JsonNodeFactory.instance.arrayNode();
            args.add(engine.nativeToObjRef(Annotations.of(stack)).toJson());
            engine.getClient().callStaticMethod(FQN, "useAnnotations", args);
            registered = engine;
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (Annotation a : annotations) {
            items.addObject().put("path", a.path()).put("error", a.error()).put("id", a.id()).put("message", a.message());
        }
        return items.toString();
    }
}
