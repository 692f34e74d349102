import itertools
import uuid

from django.db import connection, models
from django.db.models.signals import m2m_changed
from django.utils import timezone

_ids = itertools.count(1)


def now():
    """timezone.now, looked up at call time (the oracle freezes it)."""
    return timezone.now()


def new_uuid():
    """uuid4 made deterministic as pgscenario generates it: 00000000-0000-4000-8000-<n>."""
    return uuid.UUID("00000000-0000-4000-8000-%012x" % next(_ids))


class Audit(models.Model):
    message = models.CharField(max_length=200)


class Member(models.Model):
    name = models.CharField(max_length=100)
    home_branch = models.ForeignKey("Branch", on_delete=models.SET_DEFAULT, default="MAIN", db_column="home_branch")
    joined_on = models.DateField(auto_now_add=True)
    friends = models.ManyToManyField("self")
    follows = models.ManyToManyField("self", symmetrical=False, related_name="followers")


class Branch(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
    name = models.CharField(max_length=100, db_column="branch_name")


class Book(models.Model):
    id = models.UUIDField(primary_key=True, default=new_uuid)
    isbn = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    publisher = models.ForeignKey("Publisher", on_delete=models.CASCADE, db_column="pub")
    authors = models.ManyToManyField("Author", through="Authorship", related_name="books")


class Publisher(models.Model):
    name = models.CharField(max_length=100)


class Author(models.Model):
    name = models.CharField(max_length=100)


class Authorship(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default="author")
    position = models.PositiveSmallIntegerField(default=1)
    added_on = models.DateField(auto_now_add=True)


class Copy(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, db_column="at_branch")
    barcode = models.CharField(max_length=20, unique=True, db_column="bar_code")


class Loan(models.Model):
    copy = models.ForeignKey(Copy, on_delete=models.RESTRICT)
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    loaned_on = models.DateField(auto_now_add=True)


class Hold(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
    copy = models.ForeignKey(Copy, null=True, on_delete=models.RESTRICT)
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    pickup = models.ForeignKey(Branch, on_delete=models.SET("MAIN"))


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.PROTECT)
    member = models.ForeignKey(Member, on_delete=models.CASCADE)
    stars = models.PositiveSmallIntegerField(default=3)


class Event(models.Model):
    title = models.CharField(max_length=100, unique=True)
    branch = models.ForeignKey(Branch, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


class Workshop(Event):
    capacity = models.PositiveIntegerField(default=10)
    session_time = models.TimeField(auto_now=True)
    booked_on = models.DateField(auto_now_add=True)


class Card(models.Model):
    token = models.UUIDField(default=new_uuid)
    ip = models.GenericIPAddressField(null=True)
    opens = models.TimeField(null=True)


def audit(sender, instance, action, reverse, pk_set, **kwargs):
    """The fixture's m2m_changed receiver: one app_audit row per action."""
    if sender is Book.authors.through:
        kind = "author" if reverse else "book"
    else:
        kind = type(instance).__name__.lower()
    ids = ",".join(str(pk) for pk in (pk_set or ()))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO app_audit (message) VALUES ('%s %s %s [%s]')" % (kind, instance.pk, action, ids))


m2m_changed.connect(audit, sender=Member.friends.through)
m2m_changed.connect(audit, sender=Book.authors.through)
