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
 * Reads the CloudFormation template a stack synthesizes to, in memory, without writing the cloud
 * assembly.
 *
 * <p>aws-cdk-lib builds a stack's template in {@code Stack._toCloudFormation()}: every CfnElement
 * rendered, tokens resolved (references become {@code Ref}/{@code Fn::GetAtt} by logical id),
 * escape-hatch overrides merged. That method is internal, so jsii does not expose it to Java
 * ({@code Kernel.call} refuses it), and rebuilding it from the protected members
 * ({@code cfnProperties}, {@code renderProperties}) would miss {@code addOverride} /
 * {@code addPropertyOverride}, which live in a private field. This class therefore loads a
 * one-function jsii module (src/main/jsii, bundled as {@code cxscan-cdk-bridge@0.3.0.jsii.tgz})
 * into the same jsii kernel as aws-cdk-lib; its static {@code Bridge.template(stack)} returns
 * {@code JSON.stringify(stack._toCloudFormation())}, i.e. exactly what the stack synthesizer
 * writes to {@code <stack>.template.json}.
 */
final class TemplateBridge {
    static final String FQN = "cxscan-cdk-bridge.Bridge";

    /** The jsii module descriptor of the bridge (loaded once per jsii engine). */
    public static final class Module extends JsiiModule {
        public Module() {
            super("cxscan-cdk-bridge", "0.3.0", Module.class, "cxscan-cdk-bridge@0.3.0.jsii.tgz");
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
     * The stack's template as JSON text. Call it only after the app has been prepared (during
     * validation): before that, cross-stack references have no value yet.
     */
    static String templateJson(Stack stack) {
        JsiiEngine engine = JsiiEngine.getInstance();
        engine.loadModule(Module.class);
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        args.add(engine.nativeToObjRef(stack).toJson());
        JsonNode result = engine.getClient().callStaticMethod(FQN, "template", args);
        if (result == null || !result.isTextual()) {
            throw new IllegalStateException("cxscan-cdk-bridge returned no template for " + stack.getNode().getPath());
        }
        return result.textValue();
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
