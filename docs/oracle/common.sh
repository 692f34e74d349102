# Sourced by the check-*.sh scripts (with their arguments): where things are, a temporary
# file for the record, and `compare CASE GOLDEN [STEP-MAP]`, which compares one recorded
# case with a golden of the catalogue.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
record="${1:-$root/../shared/django-oracle/record}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

compare() {
  echo "== case $1: golden/$2.sql"
  python3 "$here/compare.py" "$out" "$1" "$root/golden/$2.sql" ${3:-}
}
