# Recorded with --settings USE_TZ=True TIME_ZONE=Asia/Tokyo (docs/oracle/check-weblog.sh).
# case: queryset_datetimes_tokyo
import zoneinfo
# step: datetimes day
list(Comment.objects.datetimes("created", "day"))
# step: datetimes hour DESC
list(Comment.objects.datetimes("created", "hour", order="DESC"))
# step: datetimes with tzinfo UTC
list(Comment.objects.datetimes("created", "hour", tzinfo=zoneinfo.ZoneInfo("UTC")))
# step: dates of a datetime
list(Comment.objects.dates("created", "month"))
# step: dates of a date
list(Entry.objects.dates("pub_date", "month"))
