#!/bin/bash
# Container health probe without curl or wget: GET the readiness group over bash's /dev/tcp, on the management
# port where one is set. Healthy only on HTTP 200 (Spring answers 503 when the database is DOWN).
set -euo pipefail
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"
path="${HEALTH_PATH:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 4 status_line <&3
exec 3<&-
case "$status_line" in
    "HTTP/1."?" 200"*) exit 0 ;;
    *) echo "unhealthy: ${status_line:-no answer}"; exit 1 ;;
esac
