package dev.cxscan.cdk;

import software.amazon.awscdk.IAspect;
import software.amazon.jsii.Jsii;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiObject;
import software.amazon.jsii.NativeType;
import software.constructs.IConstruct;

/**
 * Java proxy of the JavaScript class {@code cxscan-cdk-bridge.StackAspect} (src/main/jsii): its
 * {@code visit} runs in the jsii kernel, so CDK visits every construct without a call into Java, and
 * it calls {@code checkStack}, which {@link CompetencyChecks} overrides, once per stack.
 */
@Jsii(module = TemplateBridge.Module.class, fqn = "cxscan-cdk-bridge.StackAspect")
abstract class StackAspectBase extends JsiiObject implements IAspect {
    StackAspectBase() {
        super(InitializationMode.JSII);
        JsiiEngine.getInstance().createNewObject(this);
    }

    @Override
    public final void visit(IConstruct node) {
        jsiiCall("visit", NativeType.VOID, node);
    }
}
