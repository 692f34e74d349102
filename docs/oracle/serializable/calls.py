# The calls of specs/orm/serializable_retry.yaml, on weblog/models.py with weblog/fixture.sql,
# recorded with OPTIONS["isolation_level"] serializable (psycopg's IsolationLevel 4) on both
# connections: session `web` is Django's `default` connection, `worker` its `other` one.

# case: serializable_retry
# step: the retry loop
from django.db import OperationalError
for attempt in range(3):
    try:
        with transaction.atomic():
            Author.objects.count()
            if attempt == 0:  # what worker did happened once
                with transaction.atomic(using="other"):
                    Author.objects.using("other").count()
                    Author.objects.using("other").create(name="worker", email="w@example.com")
            Author.objects.create(name="web", email="web@example.com")
        break
    except OperationalError:
        continue
