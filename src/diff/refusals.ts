/**
 * `diff --crds`: every changed object checked as kube-apiserver checks an UPDATE (transition rules
 * against the old object, ratcheting), every added one as a CREATE. A refusal is an error naming
 * the object, the field and the rule's message, in the API server's words.
 */
import { formatIssue, validateDocuments, validateUpdate } from '../crd/validate.js';
import { parseApiVersion } from '../crd/gvk.js';
import { splitFieldPath } from '../crd/path.js';
import type { CrdIssue, CrdSet } from '../crd/types.js';
import type { Finding } from '../validate/findings.js';
import { deepEqual } from '../crd/correlation.js';
import type { KubeObject } from './objects.js';
import { ns, pointAt, type CheckContext } from './checks/context.js';

export interface RefusalCheck {
  findings: Finding[];
  /** objects checked against a CRD */
  checked: number;
  /** transition rules evaluated against an old object */
  transitionEvaluated: number;
  /** errors let through because the update left the value unchanged */
  ratcheted: number;
}

function hasCrd(crds: CrdSet, o: KubeObject): boolean {
  const { version } = parseApiVersion(String(o.object['apiVersion']));
  return crds.find(o.group, o.kind)?.versions.some((v) => v.name === version && v.served) === true;
}

export function checkRefusals(ctx: CheckContext, crds: CrdSet): RefusalCheck {
  const out: RefusalCheck = { findings: [], checked: 0, transitionEvaluated: 0, ratcheted: 0 };
  const push = (o: KubeObject, verb: 'update' | 'create', issues: CrdIssue[]) => {
    for (const issue of issues) {
      if (issue.severity !== 'error') continue;
      const at = pointAt(ctx.new, o, splitFieldPath(o.object, issue.path));
      const transition = issue.rule !== undefined && /\boldSelf\b/.test(issue.rule);
      out.findings.push({
        severity: 'error',
        origin: 'crd',
        code: verb === 'update' ? 'crd/update-refused' : 'crd/create-refused',
        path: at.path,
        message: `the API server refuses the ${verb} of ${o.kind} ${ns(o)}: ${formatIssue(issue)}`,
        suggestion: transition
          ? `this field cannot change on a live ${o.kind}: keep the old value, or create a new ${o.kind} under a new name and move to it`
          : 'change the values so that the new object passes the CRD (validate --crds shows the same problem)',
        location: at.location,
        rendered: { apiVersion: String(o.object['apiVersion']), kind: o.kind, name: o.name, field: issue.path },
        ...(issue.rule ? { rule: issue.rule } : {}),
      });
    }
  };
  for (const [a, b] of ctx.pairs) {
    if (!hasCrd(crds, b) || deepEqual(a.object, b.object)) continue;
    out.checked++;
    const r = validateUpdate(crds, a.object, b.object, { fieldValidation: 'Strict' });
    out.transitionEvaluated += r.rules.transitionEvaluated ?? 0;
    out.ratcheted += r.rules.ratcheted ?? 0;
    push(b, 'update', r.issues);
  }
  for (const b of ctx.added) {
    if (!hasCrd(crds, b)) continue;
    out.checked++;
    push(b, 'create', validateDocuments(crds, [b.object], { fieldValidation: 'Strict' }).issues);
  }
  return out;
}
