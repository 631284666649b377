#!/usr/bin/env bash
# Mutation testing with PIT (docs/mutation-testing.md). PIT starts its test JVM itself and ignores Maven's
# toolchains, so this finds a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm) and hands it over.
#   ./mutation-tests.sh                         platform-support and the four services, one module after another
#   ./mutation-tests.sh claim-service [...]     the named modules only (what they need is built, not mutated)
#   ./mutation-tests.sh claim-service -- -X     further arguments after -- go to Maven
# Ends with the score of every mutated package; fails when a module is below its thresholds.
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

all=(platform-support claim-service review-service consent-service notification-service)
modules=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    case " ${all[*]} " in
        *" $1 "*) modules+=("$1") ;;
        *) echo "mutation-tests.sh: unknown module '$1' (one of: ${all[*]})" >&2; exit 2 ;;
    esac
    shift
done
[ "${1:-}" = "--" ] && shift
[ ${#modules[@]} -gt 0 ] || modules=("${all[@]}")
extra=()
case " ${modules[*]} " in
    *" platform-support "*) ;;
    *) extra+=(-Dpit.skip.platform-support=true) ;;
esac
list=$(IFS=,; echo "${modules[*]}")

status=0
./mvnw -B -ntp -Pmutation -Dpit.jvm="$jdk/bin/java" -pl "$list" -am "${extra[@]}" "$@" test || status=$?

# score per package, from every report this run wrote (killed and timed-out mutants count as detected)
reports=()
for module in "${modules[@]}"; do
    for report in "$module"/target/pit-reports/*/mutations.xml; do
        [ -f "$report" ] && reports+=("$report")
    done
done
if [ ${#reports[@]} -gt 0 ]; then
    python3 - "${reports[@]}" <<'PY'
import collections, os, re, sys, xml.etree.ElementTree as ET
print(f"\n{'module':22s} {'package':55s} {'mutants':>7s} {'detected':>8s} {'survived':>8s} {'no cov.':>7s} {'score':>6s} {'lines':>13s}")
for path in sys.argv[1:]:
    module = path.split('/')[0]
    counts = collections.defaultdict(collections.Counter)
    for mutation in ET.parse(path).getroot().iter('mutation'):
        counts[mutation.findtext('mutatedClass').rsplit('.', 1)[0]][mutation.get('status')] += 1
    # line coverage per package: the first legend of the package's row in the HTML report
    index = os.path.join(os.path.dirname(path), 'index.html')
    html = open(index, encoding='utf-8').read() if os.path.exists(index) else ''
    lines = dict(re.findall(r'index\.html">([\w.]+)</a></td>.*?coverage_legend">(\d+/\d+)<', html, re.S))
    for package, c in sorted(counts.items()):
        total = sum(c.values())
        detected = total - c['SURVIVED'] - c['NO_COVERAGE']
        covered = lines.get(package, '')
        if covered:
            done, of = map(int, covered.split('/'))
            covered = f"{covered} {100 * done // of}%"
        print(f"{module:22s} {package:55s} {total:7d} {detected:8d} {c['SURVIVED']:8d} {c['NO_COVERAGE']:7d} "
              f"{100 * detected / total:5.1f}% {covered:>13s}")
PY
fi
exit $status
