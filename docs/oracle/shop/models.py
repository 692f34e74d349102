import itertools
import uuid

from django.db import connection, models
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django_fsm import FSMField, transition

_ids = itertools.count(1)


def now():
    """timezone.now, looked up at call time (the oracle freezes it)."""
    return timezone.now()


def new_uuid():
    """uuid4 made deterministic as pgscenario generates it: 00000000-0000-4000-8000-<n>."""
    return uuid.UUID("00000000-0000-4000-8000-%012x" % next(_ids))


class Audit(models.Model):
    message = models.CharField(max_length=100)


class Supplier(models.Model):
    name = models.CharField(max_length=100, db_column="supplier_name")


class Category(models.Model):
    id = models.UUIDField(primary_key=True, default=new_uuid)
    name = models.CharField(max_length=50, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")


class Product(models.Model):
    id = models.UUIDField(primary_key=True, default=new_uuid)
    sku = models.CharField(max_length=32, unique=True, db_column="product_sku")
    name = models.CharField(max_length=100)
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, null=True, blank=True, default=None, on_delete=models.SET_DEFAULT, db_column="cat")
    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    attributes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = models.ManyToManyField("Tag", blank=True)
    related = models.ManyToManyField("self", blank=True)


class Tag(models.Model):
    id = models.UUIDField(primary_key=True, default=new_uuid)
    name = models.CharField(max_length=30, unique=True)


class Delivery(models.Model):
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.RESTRICT)
    quantity = models.PositiveIntegerField()
    received_at = models.DateTimeField(default=now)


class Customer(models.Model):
    email = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=100)


class Order(models.Model):
    id = models.UUIDField(primary_key=True, default=new_uuid)
    customer = models.ForeignKey(Customer, on_delete=models.SET(1))
    placed_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(auto_now=True)
    state = FSMField(default="new")
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    @transition(field=state, source="new", target="paid", conditions=[lambda o: o.total > 0])
    def pay(self):
        pass


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.RESTRICT)
    quantity = models.PositiveIntegerField(default=1)


class DigitalProduct(Product):
    download_url = models.CharField(max_length=200)


def audit_tags(sender, instance, action, pk_set, **kwargs):
    n = len(pk_set) if pk_set is not None else 0
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO app_audit (message) VALUES ('%s %s')" % (action, n))


def use_tag_receiver():
    m2m_changed.connect(audit_tags, sender=Product.tags.through)


def drop_tag_receiver():
    m2m_changed.disconnect(audit_tags, sender=Product.tags.through)
