# The calls of specs/orm/update_or_create_permutations.yaml, one case per permutation:
# session `web` sends its own SQL on the `default` connection (a raw cursor, so Django does
# not know of its transaction), `worker` is update_or_create on the `other` connection, in
# a thread of its own where it must wait for web's row lock.
import threading, time
from django.db import connections

def web(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)

def worker():
    Author.objects.using("other").update_or_create(email="ann@example.com", defaults={"name": "Ann W."})

LOCK = "SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE"

# case: permutation 1: web begins, web locks Ann, web commits, worker's update_or_create
# step: the whole permutation (compared connection by connection)
web("BEGIN")
web(LOCK)
web("COMMIT")
worker()

# case: permutation 2: web begins, web locks Ann, worker's update_or_create, web commits
# step: the whole permutation (compared connection by connection)
web("BEGIN")
web(LOCK)
racer = threading.Thread(target=lambda: (worker(), connections.close_all()))
racer.start()
time.sleep(0.5)  # worker's SELECT ... FOR UPDATE is waiting by now
web("COMMIT")
racer.join()

# case: permutation 3: web begins, worker's update_or_create, web locks Ann, web commits
# step: the whole permutation (compared connection by connection)
web("BEGIN")
worker()
web(LOCK)
web("COMMIT")

# case: permutation 4: worker's update_or_create, web begins, web locks Ann, web commits
# step: the whole permutation (compared connection by connection)
worker()
web("BEGIN")
web(LOCK)
web("COMMIT")
