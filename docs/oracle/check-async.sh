#!/usr/bin/env bash
# Records async/calls.py (weblog's models and fixture; the async session's calls through
# asyncio.run and sync_to_async) with django-oracle and compares it with the golden of
# specs/orm/async_sessions.yaml. Run from anywhere:
#   docs/oracle/check-async.sh [path/to/django-oracle/record]
source "$(dirname "$0")/common.sh"
"$record" "$here/weblog/models.py" "$here/async/calls.py" --fixture "$here/weblog/fixture.sql" > "$out"
compare 1 orm/async_sessions 1,2,3,4,5,6,7,8,9,10-12,13,14-18
