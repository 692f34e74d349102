#!/usr/bin/env bash
# Records fieldtypes/calls.py with django-oracle and compares it with the golden of
# specs/orm/field_values.yaml (values of another type than their field's, converted as
# Django converts them before sending) and specs/orm/exclude_nullable.yaml. Run from anywhere:
#   docs/oracle/check-fieldtypes.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/fieldtypes/models.py" "$here/fieldtypes/calls.py" > "$out"
compare 1 orm/field_values
compare 2 orm/exclude_nullable
