#!/usr/bin/env python3
"""Builds reports/.../catalog.json from the checklist text and CHECKS.md (run once by hand; output committed)."""
import json, re, sys
checklist_path, checks_path, out_path = sys.argv[1:4]
lines = open(checklist_path, encoding='utf-8').read().split('\n')
IDS = ["ACCT-001","ACCT-002","OPE-001","OPE-002","OPE-003","NETSEC-001","NETSEC-002","REL-001","REL-002","COST-001","DOC-001"]
head = re.compile(r'^\s*• ([A-Z]+-\d{3}) - (.*)$')
controls = {}
i = 0
while i < len(lines):
    m = head.match(lines[i])
    if m and m.group(1) in IDS:
        cid, title = m.group(1), m.group(2).strip()
        req, ev, in_ev = [], [], False
        j = i + 1
        while j < len(lines):
            l = lines[j]
            if head.match(l) or (l and not l.startswith(' ')):
                break
            s = l.strip()
            if s.startswith('Please provide the following as evidence'):
                in_ev = True
            elif s:
                (ev if in_ev else req).append(s)
            j += 1
        controls[cid] = dict(id=cid, title=title, requirement="\n".join(req),
                             evidence=[e.lstrip('• ').strip() for e in ev if e.startswith('•')])
        i = j
    else:
        i += 1
checks = []
current = None
for l in open(checks_path, encoding='utf-8'):
    m = re.match(r'^## ([A-Z]+-\d{3}) ', l)
    if m: current = m.group(1); continue
    if l.startswith('## Process'): current = 'HINT'; continue
    if current and l.startswith('| ') and not l.startswith('| id') and not l.startswith('|---'):
        cells = [c.strip() for c in l.strip().strip('|').split('|')]
        if current == 'HINT':
            cid = re.match(r'([A-Z]+-\d{3})', cells[2]).group(1)
            checks.append(dict(id=cells[0], source='H', severity='info', controls=[cid], passesWhen=cells[2]))
        else:
            checks.append(dict(id=cells[0], source=cells[1], severity=cells[2], controls=[current], passesWhen=cells[3]))
manual = {
  "OPE-002": ["A standardized runbook or playbook listing routine operational tasks and troubleshooting scenarios tied to the OPE-001 KPIs"],
  "OPE-003": ["A deployment checklist example, or a written description of the testing process and automated test components used before production"],
  "REL-002": ["The RTO and RPO targets advised to the customer and the recovery process for the core components"],
  "COST-001": ["The cost model or TCO analysis given to the customer (e.g. an AWS Pricing Calculator link) with its inputs and business value analysis"],
  "DOC-001": ["The architecture diagram, with how the major elements keep running in case of failure and how they scale automatically"],
}
# The WAFR mapping (control -> Well-Architected questions and choices) is maintained in catalog.json itself:
# keep the existing "wafr" block of every control when regenerating.
import os
previous = {}
if os.path.exists(out_path):
    previous = {c['id']: c.get('wafr') for c in json.load(open(out_path, encoding='utf-8'))['controls']}
out = []
for cid in IDS:
    c = controls[cid]
    c['checks'] = [k['id'] for k in checks if cid in k['controls']]
    c['manualEvidence'] = manual.get(cid, [])
    if previous.get(cid) is not None:
        c['wafr'] = previous[cid]
    out.append(c)
doc = dict(checklist="AWS Generative AI Competency validation checklist: Common Customer Example Requirements",
           controls=out, checks=checks)
json.dump(doc, open(out_path, 'w', encoding='utf-8'), indent=1, ensure_ascii=False)
open(out_path, 'a').write('\n')
print(len(out), 'controls', len(checks), 'checks')
