#!/usr/bin/env bash
# Validates the deployment files without a Docker engine: Prometheus config, alert rules and their unit
# tests, the compose file (real parser), Grafana dashboards (JSON + PromQL), runbook links of the alerts.
# Needs promtool (Debian: prometheus), docker-compose (Debian: docker-compose) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/alerts.yml
# the rules as Prometheus loads them: rendered with absolute runbook links (the default CPOR_RUNBOOK_URL)
CPOR_RUNBOOK_URL='' deploy/prometheus/render-alerts.sh > "$work/alerts.yml"
cp deploy/prometheus/alerts.test.yml "$work/"
promtool test rules "$work/alerts.test.yml"
# a configured base reaches every link; a relative one is refused
CPOR_RUNBOOK_URL=https://wiki.example.org/cpor/runbook deploy/prometheus/render-alerts.sh \
    | python3 -c '
import re, sys
links = re.findall(r"runbook_url: \"([^\"]*)\"", sys.stdin.read())
if not links or any(not re.fullmatch(r"https://wiki\.example\.org/cpor/runbook#[a-z0-9-]+", link) for link in links):
    sys.exit("render-alerts.sh: not every runbook_url starts with CPOR_RUNBOOK_URL: %s" % links)
print("alerts: %d absolute runbook links from CPOR_RUNBOOK_URL" % len(links))
'
if CPOR_RUNBOOK_URL=docs/runbook.md deploy/prometheus/render-alerts.sh >/dev/null 2>&1; then
    echo "render-alerts.sh accepted a relative CPOR_RUNBOOK_URL" >&2; exit 1
fi

if command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f docker-compose.yml config -q
else
    docker compose -f docker-compose.yml config -q
fi
echo "docker-compose.yml: valid"
# every service that computes or shows a date counts in the same business calendar (issue 14, item 8)
if command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose); else compose=(docker compose); fi
"${compose[@]}" -f docker-compose.yml config | python3 -c '
import sys, yaml
services = {name: s for name, s in yaml.safe_load(sys.stdin)["services"].items() if name.endswith("-service")}
settings = {name: tuple((s.get("environment") or {}).get(key) for key in ("CPOR_CALENDAR_ZONE", "CPOR_CALENDAR_COUNTRY"))
            for name, s in services.items()}
if len(services) != 4 or None in {v for pair in settings.values() for v in pair} or len(set(settings.values())) != 1:
    sys.exit("docker-compose.yml: every service needs the same CPOR_CALENDAR_ZONE and CPOR_CALENDAR_COUNTRY: %s" % settings)
print("docker-compose.yml: the four services share the calendar %s" % (next(iter(settings.values())),))
'

python3 - "$work/dashboard-queries.yml" <<'PY'
import glob, json, re, sys
# every dashboard is valid JSON; every query becomes a recording rule so that promtool parses its PromQL
rules = []
for path in sorted(glob.glob("deploy/grafana/dashboards/*.json")):
    with open(path, encoding="utf-8") as f:
        board = json.load(f)
    for panel in board["panels"]:
        for target in panel.get("targets", []):
            expr = (target["expr"].replace("$__rate_interval", "5m").replace("$__range", "1d")
                    .replace("$instance", ".*"))
            rules.append({"record": "dashboard:query:%d" % len(rules), "expr": expr})
with open(sys.argv[1], "w") as f:
    json.dump({"groups": [{"name": "dashboards", "rules": rules}]}, f)
# every alert's runbook_url is @RUNBOOK_URL@#<a heading of docs/runbook.md>
alerts = open("deploy/prometheus/alerts.yml", encoding="utf-8").read()
runbook = open("docs/runbook.md", encoding="utf-8").read()
anchors = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
           for h in re.findall(r"^#+ (.*)$", runbook, re.M)}
links = re.findall(r"runbook_url: \"([^\"]*)\"", alerts)
if len(links) != len(re.findall(r"- alert: ", alerts)) or any(not l.startswith("@RUNBOOK_URL@#") for l in links):
    sys.exit("every alert needs runbook_url: \"@RUNBOOK_URL@#<section>\": %s" % links)
missing = sorted({l.split("#", 1)[1] for l in links} - anchors)
if missing:
    sys.exit("alerts link to missing runbook sections: %s" % ", ".join(missing))
print("dashboards: %d queries; runbook: every alert has its section" % len(rules))
PY
promtool check rules "$work/dashboard-queries.yml" >/dev/null
echo "dashboards: PromQL parses"

# Kubernetes: render the kustomization (kubectl's built-in kustomize), schema-check every object offline against
# the Kubernetes and Prometheus Operator schemas (npm: kubernetes-models), keep the PrometheusRule equal to
# deploy/prometheus/alerts.yml.
deploy/k8s/monitoring/generate-prometheus-rule.sh --check
if [ ! -d deploy/k8s/validate/node_modules ]; then
    (cd deploy/k8s/validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
kubectl kustomize deploy/k8s > "$work/k8s.yaml"
node deploy/k8s/validate/validate.mjs < "$work/k8s.yaml"
