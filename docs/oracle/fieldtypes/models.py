import uuid
from django.db import models
class Thing(models.Model):
    code = models.CharField(max_length=10)
    qty = models.IntegerField(default=0)
    ok = models.BooleanField(default=False)
    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    ratio = models.FloatField(default=0)
    key = models.UUIDField(null=True)
    day = models.DateField(null=True)
    at = models.TimeField(null=True)
    big = models.BigIntegerField(default=0)
    note = models.TextField(default="")
