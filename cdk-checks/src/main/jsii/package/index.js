"use strict";
// Loaded into the jsii kernel by dev.cxscan.cdk.TemplateBridge (Java), next to aws-cdk-lib.
//
// StackAspect is the JavaScript half of dev.cxscan.cdk.CompetencyChecks. CDK calls an aspect's
// visit() once per construct; a visit() written in Java costs a jsii callback per construct, so the
// visiting happens here and Java is called once per stack and synthesis (checkStack, overridden in
// Java), with the template the stack synthesizes to.
//
// When: aws-cdk-lib's synthesize() runs the aspects, prepares the app (cross-stack references),
// validates (validateTree) and then lets each stack's synthesizer write <stack>.template.json
// (synthesizeTree). The synthesizer renders the template with Stack._toCloudFormation() (every
// element rendered, tokens resolved, escape-hatch overrides merged; internal to aws-cdk-lib, so
// jsii does not let Java call it), after adding its own elements (DefaultStackSynthesizer: the
// BootstrapVersion parameter and rule). Rendering the stack a second time for the checks would
// double the largest cost of a synthesis, and rendering it during validation would miss the
// synthesizer's additions. So the stack's validation (added by the aspect, run on every synthesis
// that validates) only arms a hook: an own property shadowing the prototype's _toCloudFormation,
// removed on its first call. That call is the synthesizer's; the hook returns the original method's
// result unchanged, and first hands it (as JSON text) to checkStack, which evaluates the rules and
// returns the annotations to add; the hook adds them. The annotations are construct metadata, which
// the synthesizer collects into the stack artifact after writing the template, so they are in the
// cloud assembly as before.
//
// Every call between Java and the jsii kernel is a round trip between two processes (milliseconds on
// a busy machine), so a stack costs one: the callback carries everything Java needs (template,
// construct paths, template file name, artifact id, output folder) and returns the annotations.
// The hook never returns anything but a fresh rendering; at worst (a synthesis stopped by another
// validation error, then one with skipValidation) the checks run on a synthesis that skipped
// validation.
const STACK = Symbol.for("@aws-cdk/core.Stack");
const STAGE = Symbol.for("@aws-cdk/core.Stage");
const HOOK = Symbol.for("cxscan-cdk-bridge.hook");

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

/** Makes the stack's next _toCloudFormation() call pass its result to onRendered first. */
function arm(stack, onRendered) {
  disarm(stack);
  const render = stack._toCloudFormation;
  const hook = function _toCloudFormation(...args) {
    disarm(stack);
    const template = render.apply(stack, args);
    try {
      onRendered(template);
    } catch (e) {
      stack.node.addMetadata("aws:cdk:error", `cxscan could not check ${stack.node.path}: ${e}`);
    }
    return template;
  };
  hook[HOOK] = true;
  Object.defineProperty(stack, "_toCloudFormation", { value: hook, configurable: true, writable: true, enumerable: false });
}

function disarm(stack) {
  const own = Object.getOwnPropertyDescriptor(stack, "_toCloudFormation");
  if (own && typeof own.value === "function" && own.value[HOOK]) {
    delete stack._toCloudFormation;
  }
}

/** The stage (App or Stage) the stack belongs to, as Stage.of(stack). */
function stageOf(stack) {
  for (let c = stack.node.scope; c; c = c.node.scope) {
    if (typeof c === "object" && STAGE in c) {
      return c;
    }
  }
  return undefined;
}

/**
 * What Java needs about the stack, then the template: both as JSON text, in one string
 * (JSON.stringify without indentation writes no line break, so the first one separates them).
 * The first part holds the stack's path, template file name, artifact id, the cloud assembly
 * folder and the construct path of each resource by logical id.
 */
function render(stack, template) {
  const constructs = {};
  for (const c of stack.node.findAll()) {
    if (typeof c.cfnResourceType === "string" && c.logicalId !== undefined && stackOf(c) === stack) {
      constructs[stack.resolve(c.logicalId)] = c.node.path;
    }
  }
  const stage = stageOf(stack);
  const about = {
    path: stack.node.path,
    templateFile: stack.templateFile,
    artifactId: stack.artifactId,
    outdir: stage ? stage.outdir : undefined,
    constructs,
  };
  return JSON.stringify(about) + "\n" + JSON.stringify(template);
}

/** The Annotations class of the aws-cdk-lib in use (registered by Java; this module does not require it). */
let annotationsClass;

/**
 * Adds annotations: items is a JSON list of {path, error, id, message}; path is a construct path
 * (the stack itself when absent or not found).
 */
function annotate(stack, items) {
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
    const a = annotationsClass.of(target);
    // a stack trace would point into the synthesis, not at the user's code, and capturing one
    // costs more than the rest of the annotation (aws-cdk-lib's addMessage reads this field)
    a.stackTraces = false;
    if (item.error) {
      a.addError(item.message);
    } else {
      a.addWarningV2(item.id, item.message);
    }
  }
}

class Bridge {
  /**
   * Registers the Annotations class: annotations is any Annotations instance (Java calls this once
   * per jsii kernel, before the first checkStack that returns annotations).
   */
  static useAnnotations(annotations) {
    annotationsClass = annotations.constructor;
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

  /**
   * Overridden in Java: evaluates the stack and returns the annotations to add (a JSON list, see
   * annotate(), or nothing). scope is null (whole stack) or a JSON list of construct paths;
   * rendered is what render() returns for the template being written.
   */
  checkStack(_stack, _scope, _rendered) {
    return undefined;
  }

  _entry(stack) {
    let entry = this._cxscanStacks.get(stack);
    if (!entry) {
      entry = { whole: false, paths: new Set() };
      this._cxscanStacks.set(stack, entry);
      const aspect = this;
      stack.node.addValidation({
        validate() {
          arm(stack, (template) => {
            const items = aspect.checkStack(stack, entry.whole ? undefined : JSON.stringify([...entry.paths]),
              render(stack, template));
            if (items) {
              annotate(stack, items);
            }
          });
          return [];
        },
      });
    }
    return entry;
  }
}

exports.Bridge = Bridge;
exports.StackAspect = StackAspect;
