#!/usr/bin/env bash
# Records connections/calls.py (weblog's models and fixture; `default` with CONN_MAX_AGE 0,
# `other` with CONN_MAX_AGE None and health checks, set by the calls) with django-oracle and compares it
# with the golden of specs/orm/conn_max_age.yaml, connection by connection. Run from
# anywhere:
#   docs/oracle/check-connections.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/weblog/models.py" "$here/connections/calls.py" --fixture "$here/weblog/fixture.sql" \
  --settings DATABASES.default.CONN_MAX_AGE=0 > "$out"
compare 1 orm/conn_max_age 1-3,4-6,7,8-12,13-15,16-18,19-21,22-24
