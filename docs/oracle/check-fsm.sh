#!/usr/bin/env bash
# Records fsm/calls.py with django-oracle and compares each case with the golden of the
# catalogue spec that makes the same calls (session `web` is Django's `default` connection,
# `worker` its `other` one). Run from anywhere:
#   docs/oracle/check-fsm.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/fsm/models.py" "$here/fsm/calls.py" > "$out"
# case golden [golden steps in the order of the case's steps]
cases=(
  "1 orm/fsm_two_sessions -,1,2,3,4,6,7,8,9"
)
for line in "${cases[@]}"; do
  set -- $line
  compare "$@"
done
