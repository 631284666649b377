#!/usr/bin/env bash
# Lints the committed OpenAPI documents (docs/openapi/*.json) with Redocly CLI, pinned in package-lock.json.
# The first run installs it from the npm registry into tools/openapi-lint/node_modules (a few seconds);
# later runs are offline. Exit code != 0 on any lint error (warnings are printed, not fatal).
set -euo pipefail
cd "$(dirname "$0")"
pinned=$(node -p "require('./package.json').devDependencies['@redocly/cli']")
installed=$(node -p "try { require('./node_modules/@redocly/cli/package.json').version } catch (e) { '' }")
if [ "$pinned" != "$installed" ]; then
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec node_modules/.bin/redocly lint --config ../../docs/openapi/redocly.yaml --format=stylish ../../docs/openapi/*.json
