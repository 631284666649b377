#!/usr/bin/env bash
# Mutation testing with PIT (docs/mutation-testing.md). PIT starts its test JVM itself and ignores Maven's
# toolchains, so this finds a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm) and hands it over.
#   ./mutation-tests.sh                       every module with rules to mutate
#   ./mutation-tests.sh -pl claim-service -am one module (and what it needs)
set -euo pipefail
cd "$(dirname "$0")"
jdk=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $3}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
        jdk="$candidate"
        break
    fi
done
[ -n "$jdk" ] || { echo "mutation-tests.sh: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
if [ $# -eq 0 ]; then
    set -- -pl platform-support,claim-service,review-service,consent-service,notification-service -am
fi
exec ./mvnw -B -ntp -Pmutation -Dpit.jvm="$jdk/bin/java" test "$@"
