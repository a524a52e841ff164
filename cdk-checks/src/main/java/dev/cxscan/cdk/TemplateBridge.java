package dev.cxscan.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
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
 * and the stack is rendered once per synthesis, as without the aspect (see index.js). Annotations
 * are added in one call ({@link #annotate}).
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

    /**
     * What the bridge hands {@code checkStack}: the construct path of each resource by logical id,
     * and the template the synthesizer is writing (both JSON text, separated by the first line break).
     */
    record Rendered(String constructsJson, String templateJson) {
        static Rendered parse(String rendered) {
            int split = rendered == null ? -1 : rendered.indexOf('\n');
            if (split < 0) {
                throw new IllegalStateException("cxscan-cdk-bridge passed no template");
            }
            return new Rendered(rendered.substring(0, split), rendered.substring(split + 1));
        }
    }

    /** One annotation to add: construct path (null for the stack), error or warning, ack id, text. */
    record Annotation(String path, boolean error, String id, String message) {
    }

    /** Adds the annotations in one kernel call (a call per construct lookup would dominate the cost). */
    static void annotate(Stack stack, List<Annotation> annotations) {
        if (annotations.isEmpty()) {
            return;
        }
        JsiiEngine engine = JsiiEngine.getInstance();
        engine.loadModule(Module.class);
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (Annotation a : annotations) {
            items.addObject().put("path", a.path()).put("error", a.error()).put("id", a.id()).put("message", a.message());
        }
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        args.add(engine.nativeToObjRef(Annotations.of(stack)).toJson());
        args.add(engine.nativeToObjRef(stack).toJson());
        args.add(items.toString());
        engine.getClient().callStaticMethod(FQN, "annotate", args);
    }
}
