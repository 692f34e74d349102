from django.db import models
from django.utils import timezone


def now():
    return timezone.now()


class Event(models.Model):
    name = models.CharField(max_length=50)
    at = models.DateTimeField(default=now)
    day = models.DateField(null=True)
