#!/usr/bin/env bash
# Records weblog/calls.py (with weblog/fixture.sql) with django-oracle and compares each case with the golden of the
# catalogue spec that makes the same calls (steps mapped below). Run from anywhere:
#   docs/oracle/check-weblog.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/weblog/models.py" "$here/weblog/calls.py" --fixture "$here/weblog/fixture.sql" > "$out"
# case golden [golden steps in the order of the case's steps]
cases=(
  "1 seed/get_query_blog"
  "2 seed/get_query_author"
  "3 seed/get_query_author2"
  "4 seed/get_count"
  "5 seed/get_invoice_count"
  "6 seed/get_queryset 1,2,3,-,4"
  "7 seed/get_n_plus_1"
  "8 orm/n_plus_one_select_related"
  "9 orm/n_plus_one_prefetch_related"
  "10 orm/queryset_lookups 1,2,3,4,5,6,7,8,9+10,11,12+13+14,15+16,17,18,19"
  "11 orm/queryset_joins"
  "12 orm/queryset_aggregates"
  "13 seed/get_by_raw_query"
  "14 seed/get_explain 1,2,3,4,5"
  "15 seed/get_bad_query"
  "16 orm/write_lookups 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19"
  "17 orm/queryset_evaluations 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27"
  "18 orm/queryset_expressions"
  "19 orm/related_managers"
  "20 orm/prefetch_objects"
  "21 orm/assigned_expressions 1,2,3,4,5,6,7,8,9,10,11,12,13"
  "22 orm/queryset_combinations 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22"
  "23 orm/many_to_many_get_or_create"
  "24 orm/n_plus_one_scaling -,1"
  "25 orm/atomic_blocks 1-8,10-14,15-20,21-24,25-29,31-35,36-47,48-52,53-54,56,57-59,60-62"
  "26 orm/update_or_create_race -,@1-5,6"
  "27 orm/select_for_update_sessions @1-9"
  "28 orm/deadlock @1-9"
  "29 orm/reverse_managers 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,34,35,36-38,39"
  "30 orm/lookup_values"
  "31 orm/update_expressions"
  "32 orm/exclude_through_keys"
  "33 orm/raw_client_binding"
  "34 orm/queryset_dates"
  "35 orm/queryset_pg_aggregates"
  "36 orm/queryset_windows"
)
for line in "${cases[@]}"; do
  set -- $line
  compare "$@"
done
# dates() and datetimes() in the current time zone: weblog/calls-tokyo.py recorded under
# Asia/Tokyo, as check-timezone.sh records its calls, against a spec with those settings.
"$record" "$here/weblog/models.py" "$here/weblog/calls-tokyo.py" --fixture "$here/weblog/fixture.sql" --settings USE_TZ=True TIME_ZONE=Asia/Tokyo > "$out"
echo "== USE_TZ=True TIME_ZONE=Asia/Tokyo: golden/orm/queryset_datetimes_tokyo.sql"
python3 "$here/compare.py" "$out" 1 "$root/golden/orm/queryset_datetimes_tokyo.sql"
