#!/usr/bin/env bash
# Records serializable/calls.py (weblog's models and fixture, both connections serializable)
# with django-oracle and compares it with the golden of specs/orm/serializable_retry.yaml,
# connection by connection. Run from anywhere:
#   docs/oracle/check-serializable.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/weblog/models.py" "$here/serializable/calls.py" --fixture "$here/weblog/fixture.sql" \
  --settings "DATABASES.default.OPTIONS={'isolation_level': 4}" > "$out"
compare 1 orm/serializable_retry @1-28
