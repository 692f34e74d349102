#!/usr/bin/env bash
# Records library/calls.py with django-oracle and compares each case with the golden of the
# catalogue spec that makes the same calls (every spec step is a step of its case, the
# spec's `check:` steps aside, which the golden does not number; nor does it show a step that
# sends nothing, such as inheritance's step 22, w.save(update_fields=[]), hence the full
# list there). Run from anywhere:
#   docs/oracle/check-library.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/library/models.py" "$here/library/calls.py" > "$out"
# case golden [golden steps in the order of the case's steps]
cases=(
  "1 bulk"
  "2 char_pk"
  "3 deletes"
  "4 inheritance $(seq -s, 1 25)"
  "5 loaded_values"
  "6 self_relations"
  "7 through"
)
for line in "${cases[@]}"; do
  set -- $line
  compare "$1" "library/$2" ${3:-}
done
