#!/usr/bin/env bash
# Records permutations/calls.py (weblog's models and fixture; a case per permutation) with
# django-oracle and compares each case with its section of the golden of
# specs/orm/update_or_create_permutations.yaml, connection by connection. Run from anywhere:
#   docs/oracle/check-permutations.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/weblog/models.py" "$here/permutations/calls.py" --fixture "$here/weblog/fixture.sql" > "$out"
golden="$root/golden/orm/update_or_create_permutations.sql"
section="$(mktemp)"
trap 'rm -f "$out" "$section"' EXIT
for n in 1 2 3 4; do
  # The golden's section of permutation n, as a golden of its own (starting on `web`).
  { echo "-- session: web"; awk -v n="$n" '/^-- permutation / { on = ($3 == n ":"); next } on' "$golden"; } > "$section"
  echo "== case $n: permutation $n of golden/orm/update_or_create_permutations.sql"
  python3 "$here/compare.py" "$out" "$n" "$section" "@1-4"
done
