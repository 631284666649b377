#!/bin/sh
# Writes the alert rules (deploy/prometheus/alerts.yml, or the file named) to stdout with absolute runbook links:
# every "@RUNBOOK_URL@" becomes $CPOR_RUNBOOK_URL, the URL at which docs/runbook.md is served to whoever receives
# the alerts (default below). The one renderer of the rules: docker compose runs it as Prometheus starts, the
# Kubernetes PrometheusRule is generated with it (deploy/k8s/monitoring/generate-prometheus-rule.sh), and
# deploy/check.sh runs the rule unit tests on its output. POSIX sh and sed only (Prometheus' image is busybox).
set -eu
default="https://git.cpor.example/cpor/cpor-platform/blob/main/docs/runbook.md"
url="${CPOR_RUNBOOK_URL:-$default}"
case "$url" in
    *'|'* | *'&'* | *'\'* | *' '*)
        echo "CPOR_RUNBOOK_URL must not contain '|', '&', '\\' or spaces: $url" >&2; exit 1 ;;
    http://?* | https://?*) ;;
    *)
        echo "CPOR_RUNBOOK_URL must be an absolute http(s) URL of docs/runbook.md: $url" >&2; exit 1 ;;
esac
sed "s|@RUNBOOK_URL@|$url|g" "${1:-$(dirname "$0")/alerts.yml}"
