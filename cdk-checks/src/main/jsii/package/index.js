"use strict";
// Loaded into the jsii kernel by dev.cxscan.cdk.TemplateBridge (Java), next to aws-cdk-lib.
//
// StackAspect is the JavaScript half of dev.cxscan.cdk.CompetencyChecks. CDK calls an aspect's
// visit() once per construct; a visit() written in Java costs a jsii callback per construct, so the
// visiting happens here and Java is called once per stack (checkStack, overridden in Java), as a
// validation of the stack: after every aspect has run and the app has been prepared.
//
// Bridge.template(stack) returns what the stack synthesizer writes as <stack>.template.json:
// Stack._toCloudFormation() (every element rendered, tokens resolved, escape-hatch overrides
// merged), which is internal to aws-cdk-lib so jsii does not let Java call it directly; and the
// construct path of each resource by logical id.
const STACK = Symbol.for("@aws-cdk/core.Stack");

function isStack(x) {
  return x !== null && typeof x === "object" && STACK in x;
}

function stackOf(construct) {
  for (let c = construct; c; c = c.node.scope) {
    if (isStack(c)) {
      return c;
    }
  }
  return undefined;
}

class Bridge {
  static template(stack) {
    if (!isStack(stack) || typeof stack._toCloudFormation !== "function") {
      throw new Error("cxscan-cdk-bridge: expected an aws-cdk-lib Stack");
    }
    const template = stack._toCloudFormation();
    const constructs = {};
    for (const c of stack.node.findAll()) {
      if (typeof c.cfnResourceType === "string" && c.logicalId !== undefined && stackOf(c) === stack) {
        constructs[stack.resolve(c.logicalId)] = c.node.path;
      }
    }
    return JSON.stringify({ template, constructs });
  }

  /**
   * Adds annotations in one call: items is a JSON list of {path, error, id, message}; path is a
   * construct path (the stack itself when absent or not found). annotations is any Annotations
   * instance, passed by Java so that this module needs no require("aws-cdk-lib").
   */
  static annotate(annotations, stack, items) {
    const Annotations = annotations.constructor;
    for (const item of JSON.parse(items)) {
      let target = item.path ? stack.node.root : stack;
      for (const id of item.path ? item.path.split("/") : []) {
        const child = target.node.tryFindChild(id);
        if (!child) {
          target = stack;
          break;
        }
        target = child;
      }
      if (item.error) {
        Annotations.of(target).addError(item.message);
      } else {
        Annotations.of(target).addWarningV2(item.id, item.message);
      }
    }
  }
}

class StackAspect {
  constructor() {
    Object.defineProperty(this, "_cxscanStacks", { value: new Map(), enumerable: false });
  }

  visit(node) {
    if (node === null || typeof node !== "object" || !node.node) {
      return;
    }
    if (isStack(node)) {
      this._entry(node).whole = true;
    } else if (typeof node.cfnResourceType === "string") {
      const stack = stackOf(node);
      if (stack) {
        const entry = this._entry(stack);
        if (!entry.whole) {
          entry.paths.add(node.node.path);
        }
      }
    }
  }

  /** Overridden in Java: evaluates the stack; scope is null (whole stack) or a JSON list of construct paths. */
  checkStack(_stack, _scope) {
  }

  _entry(stack) {
    let entry = this._cxscanStacks.get(stack);
    if (!entry) {
      entry = { whole: false, paths: new Set() };
      this._cxscanStacks.set(stack, entry);
      const aspect = this;
      stack.node.addValidation({
        validate() {
          aspect.checkStack(stack, entry.whole ? undefined : JSON.stringify([...entry.paths]));
          return [];
        },
      });
    }
    return entry;
  }
}

exports.Bridge = Bridge;
exports.StackAspect = StackAspect;
