# case: field values of the wrong type
# step: create
Thing.objects.create(code=5, qty="3", ok=1, price=3.14159, ratio="2.5", key="0000000000004000800000000000000A", day="2025-1-2", at="9:00", big=7.9, note=True)
# step: create2
Thing.objects.create(code=5.0, qty=True, ok="0", price="4.5", ratio=3, key="{00000000-0000-4000-8000-00000000000B}", at="09:00:01.5", note=1.5)
# step: create3
Thing.objects.create(code=False, price=9.99, ratio=1e20, note=12345)
# step: filter
list(Thing.objects.filter(code=5, qty="3", ok=1, price="4.5", ratio="2.5", key="0000000000004000800000000000000A", day="2025-1-2", at="9:00"))
# step: filter in
list(Thing.objects.filter(qty__in=["1", 2.0], code__in=[1, "b"]))
# step: filter gt
list(Thing.objects.filter(qty__gt="3", price__lt=3.14159, day__gte="2025-01-02"))
# step: update
Thing.objects.update(qty="4", code=7, price=1.005)
# step: price float big
Thing.objects.create(price=12345678.125)

# step: a float value times an integer field
list(Thing.objects.annotate(t=F("qty") * Value(1.5)).order_by("id").values_list("t", flat=True))
# step: an update by a float
Thing.objects.filter(ratio__gt=2.4).update(ratio=F("ratio") * 2.0)

# case: exclude() of a transform on a nullable field
# step: year
list(Thing.objects.exclude(day__year=2025))
# step: month
list(Thing.objects.exclude(day__month=3))
# step: hour
list(Thing.objects.exclude(at__hour=9))
# step: gt
list(Thing.objects.exclude(day__gt="2025-01-01"))
