# The calls of specs/orm/conn_max_age.yaml: session `web` is the `default` connection
# (CONN_MAX_AGE 0), `worker` the `other` one (CONN_MAX_AGE None, CONN_HEALTH_CHECKS).
# A request is what Django's request_started and request_finished signals do to a
# connection: close_if_unusable_or_obsolete() before and after the view.
from django.db import connections
# The oracle's `other` alias copies `default`; worker's settings are its own.
connections["other"].settings_dict["CONN_MAX_AGE"] = None
connections["other"].settings_dict["CONN_HEALTH_CHECKS"] = True

def request(alias, view):
    connections[alias].close_if_unusable_or_obsolete()
    try:
        return view()
    finally:
        connections[alias].close_if_unusable_or_obsolete()

def failing():
    try:
        with connections["other"].cursor() as cursor:
            cursor.execute("SELECT * FROM app_missing")
    except Exception as e:
        return repr(e)

def counted_in_atomic():
    with transaction.atomic():
        return Author.objects.count()

# case: conn_max_age
# step: web's first request
request("default", lambda: Author.objects.count())
# step: web's second request, on a new connection
request("default", lambda: Author.objects.create(name="Dana", email="dana@example.com"))
# step: web outside a request
Author.objects.count()
# step: web's next request closes that connection first
request("default", counted_in_atomic)
# step: worker's first request
request("other", lambda: Author.objects.using("other").count())
# step: worker's second request, health-checked
request("other", lambda: Author.objects.using("other").get(pk=1))
# step: worker's request that fails
request("other", failing)
# step: worker's request after the error
request("other", lambda: Author.objects.using("other").count())
