#!/usr/bin/env bash
# Records timezone/calls.py with django-oracle under two settings and compares each with the
# golden of the catalogue spec that makes the same calls under the same settings:
#   docs/oracle/check-timezone.sh [path/to/django-oracle/record]
# Under USE_TZ=False the first step is not compared: django-oracle freezes timezone.now() as
# an aware datetime whatever USE_TZ says, where Django's own timezone.now() is then the naive
# wall time in TIME_ZONE (what the golden shows).
source "$(dirname "$0")/common.sh"
for run in "True seed/get_timezone 1,2,3,4,5,6,7,8,9+10,11" "False orm/time_zones_naive -,2,3,4,5,6,7,8,9+10,11"; do
  set -- $run
  "$record" "$here/timezone/models.py" "$here/timezone/calls.py" --settings USE_TZ=$1 TIME_ZONE=Asia/Tokyo > "$out"
  echo "== USE_TZ=$1 TIME_ZONE=Asia/Tokyo: golden/$2.sql"
  python3 "$here/compare.py" "$out" 1 "$root/golden/$2.sql" ${3:-}
done
