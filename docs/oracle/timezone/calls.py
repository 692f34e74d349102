# The calls of specs/seed/get_timezone.yaml (run with USE_TZ=True TIME_ZONE=Asia/Tokyo) and
# specs/orm/time_zones_naive.yaml (USE_TZ=False TIME_ZONE=Asia/Tokyo): one case, the same calls.
import datetime

# case: time zones
# step: timezone.now()
Event.objects.create(name="timezone.now()")
# step: a naive datetime
Event.objects.create(name="naive", at=datetime.datetime(2025, 1, 2, 0, 30))
# step: an aware datetime
Event.objects.create(name="aware", at=datetime.datetime(2025, 1, 2, 0, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=9))))
# step: __date
list(Event.objects.filter(at__date=datetime.date(2025, 1, 2)))
# step: __year
list(Event.objects.filter(at__year=2025))
# step: __hour
list(Event.objects.filter(at__hour=0))
# step: a naive datetime in a filter
list(Event.objects.filter(at__gte=datetime.datetime(2025, 1, 2, 0, 0)))
# step: values_list
list(Event.objects.values_list("at", flat=True).order_by("id"))
# step: get and save
e = Event.objects.get(pk=2)
e.save()
# step: a naive datetime compared with a Trunc annotation
from django.db.models.functions import TruncDay
list(Event.objects.annotate(d=TruncDay("at")).filter(d=datetime.datetime(2025, 1, 2, 0, 0)).values_list("id", flat=True))
