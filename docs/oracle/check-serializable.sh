#!/usr/bin/env bash
# Records serializable/calls.py (weblog's models and fixture, both connections serializable)
# with django-oracle and compares it with the golden of specs/orm/serializable_retry.yaml,
# connection by connection. Run from anywhere:
#   docs/oracle/check-serializable.sh [path/to/django-oracle/record]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
record="${1:-$root/../shared/django-oracle/record}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$record" "$here/weblog/models.py" "$here/serializable/calls.py" --fixture "$here/weblog/fixture.sql" \
  --settings "DATABASES.default.OPTIONS={'isolation_level': 4}" > "$out"
echo "== case 1: golden/orm/serializable_retry.sql"
python3 "$here/compare.py" "$out" 1 "$root/golden/orm/serializable_retry.sql" @1-28
