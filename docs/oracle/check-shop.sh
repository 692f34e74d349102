#!/usr/bin/env bash
# Records shop/calls.py with django-oracle and compares each case with the golden of the
# catalogue spec that makes the same calls (steps mapped below). Run from anywhere:
#   docs/oracle/check-shop.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/shop/models.py" "$here/shop/calls.py" > "$out"
# case golden [golden steps in the order of the case's steps]
cases=(
  "1 create_and_save"
  "2 update_or_create 3,4,5,6,7,8"
  "3 bulk 2,3,4,-,7,8,9,-,10,11,12,-,15"
  "4 delete_restrict 11,12,13,14"
  "6 many_to_many 13,14,15,16,17,18"
  "7 json_round_trip 3,4"
  "8 related_products 6,7,8,9,11"
  "9 reverse_many_to_many 6,7,8,9"
  "10 queryset_expressions"
  "11 assigned_expressions"
  "12 queryset_json"
  "13 queryset_excludes"
  "14 n_plus_one_deferred_key"
  "15 queryset_reverse_links"
  "16 queryset_related_columns"
  "17 queryset_counts"
  "18 prefetch_levels"
  "19 inherited_relations"
  "20 queryset_latest"
  "21 queryset_in_subquery"
  "22 save_force_update"
  "23 select_related_all"
  "24 queryset_json_keys"
  "25 iterator_and_locks"
  "26 queryset_distinct_on"
  "27 queryset_functions"
)
for line in "${cases[@]}"; do
  set -- $line
  compare "$1" "shop/$2" ${3:-}
done
