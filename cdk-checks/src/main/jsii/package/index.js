"use strict";
// Loaded into the jsii kernel by dev.cxscan.cdk.TemplateBridge (Java). Stack._toCloudFormation() is
// what the stack synthesizer writes as <stack>.template.json (every element rendered, tokens
// resolved, escape-hatch overrides merged). It is internal to aws-cdk-lib, so jsii does not let Java
// call it directly; this module does, in the same kernel. It also maps each resource's logical id
// to its construct path, so findings can be annotated on the construct, all in one kernel call.
class Bridge {
  static template(stack) {
    if (stack === null || typeof stack !== "object" || typeof stack._toCloudFormation !== "function") {
      throw new Error("cxscan-cdk-bridge: expected an aws-cdk-lib Stack");
    }
    const template = stack._toCloudFormation();
    const constructs = {};
    for (const c of stack.node.findAll()) {
      if (c.stack === stack && typeof c.cfnResourceType === "string" && c.logicalId !== undefined) {
        constructs[stack.resolve(c.logicalId)] = c.node.path;
      }
    }
    return JSON.stringify({ template, constructs });
  }
}
exports.Bridge = Bridge;
