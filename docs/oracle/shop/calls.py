from decimal import Decimal
import app.models as m
m._ids = __import__("itertools").count(1)

# case: create and save with a uuid pk default, db_column and auto_now
# step: supplier (db_column)
s = Supplier.objects.create(name="Acme")
# step: category (uuid pk default: INSERT without RETURNING)
c = Category.objects.create(name="Tools")
# step: product
p = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, category=c, price=Decimal("9.90"))
# step: save a loaded product (auto_now)
p.name = "Claw hammer"
p.save()
# step: save(update_fields) leaves auto_now alone
p.price = Decimal("10.50")
p.save(update_fields=["price"])
# step: a new Product(...).save(): INSERT alone
Product(sku="SAW-1", name="Saw", supplier=s).save()
# step: Supplier(id=...).save(): UPDATE first
Supplier(id=s.id, name="Acme Ltd").save()
# step: Category(id=existing).save(): INSERT (pk has a default), which fails
Category(id=c.id, name="Tools & more").save()
# step: get by sku (db_column)
Product.objects.get(sku="HAM-1")
# step: filter update by supplier
Product.objects.filter(supplier=s).update(name="Renamed")
# step: digital product (multi-table, uuid pk)
d = m.DigitalProduct.objects.create(sku="EBOOK-1", name="Manual", supplier=s, download_url="https://x/manual.pdf")
# step: save the digital product
d.download_url = "https://x/v2.pdf"
d.save()
# step: DigitalProduct(...).save()
m.DigitalProduct(sku="EBOOK-2", name="Guide", supplier=s, download_url="https://x/g.pdf").save()

# case: get_or_create and update_or_create
s = Supplier.objects.create(name="Acme")
p = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s)
# step: update_or_create found: update_fields gets the date fields
Product.objects.update_or_create(sku="HAM-1", defaults={"price": Decimal("11.00")})
# step: update_or_create found, no defaults
Product.objects.update_or_create(sku="HAM-1")
# step: update_or_create created
Product.objects.update_or_create(sku="NEW-1", defaults={"price": Decimal("1.00")}, create_defaults={"name": "New", "supplier": s})
# step: get_or_create created (uuid pk)
Category.objects.get_or_create(name="Paint")
# step: get_or_create found
Category.objects.get_or_create(name="Paint")
# step: update_or_create on a model without date fields and no defaults
Category.objects.update_or_create(name="Paint")

# case: bulk_create and bulk_update
s = Supplier.objects.create(name="Acme")
# step: tags (uuid pk default: ids sent, no RETURNING)
Tag.objects.bulk_create([Tag(name="a"), Tag(name="b"), Tag(name="c")])
# step: products (jsonb default, auto_now fields)
Product.objects.bulk_create([Product(sku="A", name="a", supplier=s), Product(sku="B", name="b", supplier=s, attributes={"color": "red"})])
# step: upsert by sku (db_column)
Product.objects.bulk_create([Product(sku="A", name="a2", supplier=s, price=Decimal("2.00"))], update_conflicts=True, unique_fields=["sku"], update_fields=["name", "price"])
# step: load the products (the spec gets them one by one)
objs = list(Product.objects.order_by("sku"))
# step: bulk_update
for o in objs:
    o.price = Decimal("3.00")
Product.objects.bulk_update(objs, ["price", "updated_at"])
# step: batch_size=0
Tag.objects.bulk_create([Tag(name="z")], batch_size=0)
# step: update_conflicts without unique_fields
Tag.objects.bulk_create([Tag(name="z")], update_conflicts=True, update_fields=["name"])
# step: load a tag
first = Tag.objects.first()
# step: bulk_update batch_size=0
Tag.objects.bulk_update([Tag(id=first.id, name="q")], ["name"], batch_size=0)
# step: ignore_conflicts with update_conflicts
Tag.objects.bulk_create([Tag(name="z")], ignore_conflicts=True, update_conflicts=True)
# step: bulk_update with no fields
Tag.objects.bulk_update([], [])
# step: load a tag and a product
t = Tag.objects.get(name="a")
p = Product.objects.get(sku="A")
tb = Tag.objects.get(name="b")
# step: auto-created through model
Product.tags.through.objects.bulk_create([Product.tags.through(product=p, tag=t), Product.tags.through(product_id=p.id, tag_id=tb.id)])

# case: deletes with RESTRICT, SET_DEFAULT and SET
s = Supplier.objects.create(name="Acme")
c = Category.objects.create(name="Tools")
sub = Category.objects.create(name="Hammers", parent=c)
p = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, category=sub)
q = Product.objects.create(sku="SAW-1", name="Saw", supplier=s, category=c)
dl = Delivery.objects.create(supplier=s, product=p, quantity=5)
guest = Customer.objects.create(email="guest@x", name="Guest")
cu = Customer.objects.create(email="ann@x", name="Ann")
o = Order.objects.create(customer=cu, total=Decimal("5.00"))
OrderLine.objects.create(order=o, product=q)
# step: product referenced by a delivery: RestrictedError
p.delete()
# step: category: SET_DEFAULT on products, cascade to subcategories
c.delete()
# step: customer: SET(1) on orders
cu.delete()
# step: supplier: products and deliveries go, the RESTRICT is lifted; the order line restricts
s.delete()
# step: order first, then the supplier
o.delete()
s.delete()

# case: fsm with auto_now
cu = Customer.objects.create(email="ann@x", name="Ann")
o = Order.objects.create(customer=cu)
# step: pay refused by its condition
o.pay()
# step: pay
o.total = Decimal("5.00")
o.pay()
o.save()

# case: many-to-many with m2m_changed receivers
s = Supplier.objects.create(name="Acme")
p = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s)
tags = [Tag.objects.create(name=n) for n in "abcdefghij"]
m.use_tag_receiver()
# step: add several: receivers make add() SELECT the missing ids first
p.tags.add(tags[0], tags[3], tags[7], tags[1], tags[9])
# step: add one there and one new
p.tags.add(tags[0], tags[2])
# step: add only what is there: the receivers still run
p.tags.add(tags[3])
# step: remove by object and by raw uuid
p.tags.remove(tags[3], "00000000-0000-4000-8000-00000000000b")
# step: set
p.tags.set([tags[0], tags[4], tags[8]])
# step: clear
p.tags.clear()

# case: JSON loaded from jsonb and saved back
s = Supplier.objects.create(name="Acme")
Product.objects.create(sku="J", name="j", supplier=s, attributes={"zz": 1, "a": {"yy": 2, "b": [3, "é"]}})
# step: load it
p = Product.objects.get(sku="J")
# step: save it back
p.save()

# case: symmetrical relation of products to products
s = Supplier.objects.create(name="Acme")
p = [Product.objects.create(sku="P%d" % i, name="p%d" % i, supplier=s) for i in range(4)]
# step: add two: each row and its mirror
p[0].related.add(p[1], p[2])
# step: add one that is there, and the product itself
p[0].related.add(p[1], p[0])
# step: remove one: both directions
p[0].related.remove(p[2])
# step: set
p[0].related.set([p[3]])
# step: clear: both directions
p[0].related.clear()

# case: the reverse manager of Product.tags, with receivers
s = Supplier.objects.create(name="Acme")
p = [Product.objects.create(sku="P%d" % i, name="p%d" % i, supplier=s) for i in range(3)]
t = Tag.objects.create(name="t")
m.use_tag_receiver()
# step: reverse add
t.product_set.add(p[0], p[1])
# step: reverse remove
t.product_set.remove(p[0])
# step: reverse set
t.product_set.set([p[2]])
# step: reverse clear
t.product_set.clear()

# case: query expressions on uuid keys and renamed columns
from django.db.models.functions import Coalesce, Concat, Lower, TruncMonth, Upper
s = Supplier.objects.create(name="Acme")
tools = Category.objects.create(name="Tools")
saws = Category.objects.create(name="Saws", parent=tools)
hammer = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, category=tools, price=Decimal("9.90"))
saw = Product.objects.create(sku="SAW-1", name="Saw", supplier=s, price=Decimal("4.50"))
Delivery.objects.create(supplier=s, product=saw, quantity=3)
Order.objects.create(customer=Customer.objects.create(email="a@e", name="A"), total=Decimal("12.00"))
connection.close()  # set-up, not the spec's steps: its first step connects
# step: lower of a renamed column
list(Product.objects.annotate(sku_lower=Lower("sku")).values_list("sku_lower", flat=True))
# step: count and a function, grouped by the key
list(Supplier.objects.annotate(n=Count("product"), l=Upper("name")).order_by("l"))
# step: exists on the same model
list(Category.objects.annotate(has_children=Exists(Category.objects.filter(parent=OuterRef("pk")))))
# step: coalesce through a renamed foreign key
list(Product.objects.annotate(cat=Coalesce("category__name", Value("-"))).values_list("sku", "cat"))
# step: truncmonth grouped
list(Order.objects.values(month=TruncMonth("placed_at")).annotate(total=Sum("total")).order_by("month"))
# step: case of a uuid
list(Product.objects.annotate(c=Case(When(price__gt=5, then=F("id")))).values_list("c", flat=True))
# step: case of a foreign key
list(Product.objects.annotate(c=Case(When(price__gt=5, then=F("category")))).values_list("c", flat=True))
# step: concat of a uuid
list(Product.objects.annotate(t=Concat("sku", Value(":"), "id", output_field=CharField())).values_list("t", flat=True))
# step: subquery through a join
list(Supplier.objects.annotate(latest=Subquery(Delivery.objects.filter(supplier=OuterRef("pk")).order_by("-received_at").values("product__sku")[:1])))

# case: expressions assigned to fields, on uuid keys and renamed columns
from django.db.models.functions import Upper
s = Supplier.objects.create(name="Acme")
tools = Category.objects.create(name="Tools")
Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, category=tools, price=Decimal("9.90"))
Product.objects.create(sku="SAW-1", name="Saw", supplier=s, price=Decimal("4.50"))
connection.close()  # set-up, not the spec's steps: its first step connects
# step: get the hammer
hammer = Product.objects.get(sku="HAM-1")
# step: get the saw
saw = Product.objects.get(sku="SAW-1")
# step: bulk_update with an F and a function of a renamed column
hammer.price = F("price") * 2
saw.name = Upper("sku")
Product.objects.bulk_update([hammer, saw], ["price", "name"])
# step: save with update_fields and an F
hammer.price = F("price") + 1
hammer.save(update_fields=["price"])
# step: create with a function of a value, into a renamed column
Supplier.objects.create(name=Upper(Value("globex")))
# step: create with an F is refused
Product.objects.create(sku=F("name"), name="X", supplier_id=1)

# case: lookups on a JSONField
from decimal import Decimal as D
s = Supplier.objects.create(name="Acme")
Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, price=D("9.90"), attributes={"color": "red", "size": 2})
Product.objects.create(sku="SAW-1", name="Saw", supplier=s, price=D("4.50"), attributes={"color": "blue"})
Product.objects.create(sku="AXE-5", name="Axe", supplier=s, price=D("5.00"), attributes="red")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: contains
list(Product.objects.filter(attributes__contains={"color": "red"}).values_list("sku", flat=True))
# step: exclude contains
list(Product.objects.exclude(attributes__contains={"color": "red"}).values_list("sku", flat=True).order_by("sku"))
# step: contains a scalar
list(Product.objects.filter(attributes__contains="red").values_list("sku", flat=True))
# step: contained_by
list(Product.objects.filter(attributes__contained_by={"color": "red", "size": 2}).values_list("sku", flat=True))
# step: has_key
list(Product.objects.filter(attributes__has_key="size").values_list("sku", flat=True))
# step: has_keys
list(Product.objects.filter(attributes__has_keys=["color", "size"]).values_list("sku", flat=True))
# step: has_any_keys
list(Product.objects.filter(attributes__has_any_keys=["size", "weight"]).values_list("sku", flat=True))
# step: icontains
list(Product.objects.filter(attributes__icontains="BLUE").values_list("sku", flat=True))
# step: startswith
list(Product.objects.filter(attributes__startswith='{"color": "b').values_list("sku", flat=True))
# step: iexact
list(Product.objects.filter(attributes__iexact='"RED"').values_list("sku", flat=True))
# step: regex
list(Product.objects.filter(attributes__regex='^"').values_list("sku", flat=True))
# step: isnull
list(Product.objects.filter(attributes__isnull=False).values_list("sku", flat=True).order_by("sku"))
# step: icontains of a number on a char field
list(Product.objects.filter(sku__icontains=5).values_list("sku", flat=True))

# case: exclude() through many-valued relations
from decimal import Decimal as D
acme = Supplier.objects.create(name="Acme")
Supplier.objects.create(name="Idle")
ham = Product.objects.create(sku="HAM-1", name="Hammer", supplier=acme, price=D("9.90"))
saw = Product.objects.create(sku="SAW-1", name="Saw", supplier=acme, price=D("4.50"))
axe = Product.objects.create(sku="AXE-1", name="Axe", supplier=acme, price=D("5.00"))
ham.related.add(saw)
axe.tags.add(Tag.objects.create(name="sale"))
connection.close()  # set-up, not the spec's steps: its first step connects
# step: isnull=True on the self many-to-many
list(Product.objects.exclude(related__isnull=True).order_by("sku").values_list("sku", flat=True))
# step: isnull=False
list(Product.objects.exclude(related__isnull=False).values_list("sku", flat=True))
# step: isnull=True on tags
list(Product.objects.exclude(tags__isnull=True).values_list("sku", flat=True))
# step: a value through tags
list(Product.objects.exclude(tags__name="sale").order_by("sku").values_list("sku", flat=True))
# step: isnull=True on a reverse foreign key
list(Supplier.objects.exclude(product__isnull=True).values_list("name", flat=True))

# case: N+1 through a deferred foreign key
from decimal import Decimal as D
acme = Supplier.objects.create(name="Acme")
tools = Category.objects.create(name="Tools")
saws = Category.objects.create(name="Saws", parent=tools)
Product.objects.create(sku="HAM-1", name="Hammer", supplier=acme, category=tools, price=D("9.90"))
Product.objects.create(sku="SAW-1", name="Saw", supplier=acme, category=saws, price=D("4.50"))
Product.objects.create(sku="BOX-1", name="Box", supplier=acme, price=D("1.00"))
connection.close()  # set-up, not the spec's steps: its first step connects
# step: the key deferred
[p.category for p in Product.objects.order_by("sku").defer("category")]
# step: the key selected with its object
[p.category for p in Product.objects.order_by("sku").select_related("category")]

# case: reverse relations by their query names
from decimal import Decimal as D
acme = Supplier.objects.create(name="Acme")
tools = Category.objects.create(name="Tools")
Category.objects.create(name="Saws", parent=tools)
ham = Product.objects.create(sku="HAM-1", name="Hammer", supplier=acme, price=D("9.90"))
saw = Product.objects.create(sku="SAW-1", name="Saw", supplier=acme, price=D("4.50"))
DigitalProduct.objects.create(sku="EBOOK-1", name="Manual", supplier=acme, price=D("1.00"), download_url="https://x/manual.pdf")
ham.related.add(saw)
connection.close()  # set-up, not the spec's steps: its first step connects
# step: the parent's link to its child
list(Product.objects.filter(digitalproduct__download_url__startswith="https").values_list("sku", flat=True))
# step: ... isnull
list(Product.objects.filter(digitalproduct__isnull=True).order_by("sku").values_list("sku", flat=True))
# step: a related_name
list(Category.objects.filter(children__name="Saws").values_list("name", flat=True))
# step: get
p = Product.objects.get(sku="HAM-1")
# step: the symmetrical manager
list(p.related.all())

# case: the columns of select_related, only() and defer()
s = Supplier.objects.create(name="Acme")
globex = Supplier.objects.create(name="Globex")
tools = Category.objects.create(name="Tools")
saws = Category.objects.create(name="Saws", parent=tools)
hammer = Product.objects.create(sku="HAM-1", name="Hammer", supplier=s, category=tools, price=Decimal("9.90"))
saw = Product.objects.create(sku="SAW-1", name="Saw", supplier=s, category=saws, price=Decimal("4.50"))
DigitalProduct.objects.create(sku="EBOOK-1", name="Manual", supplier=globex, price=Decimal("1.00"), download_url="https://x/manual.pdf")
steel = Tag.objects.create(name="steel")
sale = Tag.objects.create(name="sale")
hammer.tags.add(steel, sale)
saw.tags.add(sale)
connection.close()  # set-up, not the spec's steps: its first step connects
# step: a chain: the intermediate model's columns first
list(Product.objects.select_related("category__parent"))
# step: the chain's objects are loaded
[p.category and p.category.parent for p in Product.objects.order_by("sku").select_related("category__parent")]
# step: declaration order, not argument order
list(Product.objects.select_related("category", "supplier"))
# step: the annotation before the related columns
list(Product.objects.select_related("category").annotate(n=Count("tags")))
# step: only() of a related field
list(Product.objects.select_related("category").only("sku", "category__name"))
# step: a field only() left out of the related model is loaded on access
[p.category and p.category.parent_id for p in Product.objects.order_by("sku").select_related("category").only("sku", "category__name")]
# step: defer() of a related field
list(Product.objects.select_related("category").defer("category__name"))
# step: a key the parent declares, joined from the parent's table
list(DigitalProduct.objects.select_related("supplier"))
# step: two keys the parent declares, in declaration order
[p.supplier.name for p in DigitalProduct.objects.select_related("category", "supplier")]
# step: only() of the child's field, then the parent's field loaded on access
[p.name for p in DigitalProduct.objects.only("download_url")]
# step: only() of a parent field
list(DigitalProduct.objects.only("name"))
# step: select_related of the parent link adds nothing
list(DigitalProduct.objects.select_related("product_ptr"))

# case: count() and aggregate() over a subquery, DISTINCT with ordering, values()
from django.db.models.functions import Lower
acme = Supplier.objects.create(name="Acme")
globex = Supplier.objects.create(name="Globex")
tools = Category.objects.create(name="Tools")
saws = Category.objects.create(name="Saws", parent=tools)
hammer = Product.objects.create(sku="HAM-1", name="Hammer", supplier=acme, category=tools, price=Decimal("9.90"))
saw = Product.objects.create(sku="SAW-1", name="Saw", supplier=acme, category=saws, price=Decimal("4.50"))
Product.objects.create(sku="BOOK-1", name="Manual", supplier=globex, price=Decimal("1.00"))
steel = Tag.objects.create(name="steel")
sale = Tag.objects.create(name="sale")
hammer.tags.add(steel, sale)
saw.tags.add(sale)
connection.close()  # set-up, not the spec's steps: its first step connects
# step: count of distinct values
Product.objects.values("supplier").distinct().count()
# step: count of values grouped
Product.objects.values("supplier").annotate(n=Count("id")).count()
# step: count of an aggregate annotation, distinct
Product.objects.annotate(n=Count("tags")).distinct().count()
# step: count keeps an annotation that groups
Product.objects.annotate(l=Lower("name"), n=Count("tags")).count()
# step: count of distinct values through a relation
Product.objects.values("category__name").distinct().count()
# step: aggregate of a slice
Product.objects.order_by("sku")[:2].aggregate(total=Sum("price"))
# step: aggregates of a slice with an offset
Product.objects.order_by("-sku")[1:3].aggregate(total=Sum("price"), top=Max("price"), n=Count("id"))
# step: aggregate of distinct rows
Product.objects.filter(tags__name__in=["sale", "steel"]).distinct().aggregate(total=Sum("price"))
# step: aggregate over an aggregate annotation
Product.objects.annotate(n=Count("tags")).aggregate(total=Sum("price"))
# step: aggregate over values grouped
Product.objects.values("supplier").annotate(n=Count("id")).aggregate(total=Sum("price"))
# step: aggregate of a slice through a relation
Supplier.objects.order_by("name")[:1].aggregate(total=Sum("product__price"))
# step: aggregate of an expression of a slice
Product.objects.order_by("sku")[:2].aggregate(double=Sum(F("price") * 2))
# step: distinct ordered through a relation
list(Product.objects.order_by("category__name").distinct())
# step: distinct ordered through two relations, descending
list(Product.objects.order_by("-category__parent__name", "sku").distinct())
# step: distinct values ordered through a relation
list(Product.objects.values("sku").order_by("category__name").distinct())
# step: values without names
list(Product.objects.values())
# step: values_list without names, after an annotation
list(Product.objects.annotate(l=Lower("name")).values_list())

# case: prefetch_related() two levels deep
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme'), ('Globex');")
    c.execute("INSERT INTO app_category (id, name, parent_id) VALUES ('00000000-0000-4000-8000-000000000001', 'Tools', NULL), ('00000000-0000-4000-8000-000000000002', 'Saws', '00000000-0000-4000-8000-000000000001'), ('00000000-0000-4000-8000-000000000009', 'Paint', NULL);")
    c.execute('INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES (\'00000000-0000-4000-8000-000000000003\', \'HAM-1\', \'Hammer\', 1, \'00000000-0000-4000-8000-000000000001\', 9.90, \'{"color": "red", "size": 3}\', \'2025-01-01 15:30+00\', \'2025-01-01 15:30+00\'), (\'00000000-0000-4000-8000-000000000004\', \'SAW-1\', \'Saw\', 1, \'00000000-0000-4000-8000-000000000002\', 4.50, \'{"color": "blue"}\', \'2025-01-02 10:00+00\', \'2025-01-02 10:00+00\'), (\'00000000-0000-4000-8000-000000000005\', \'EBOOK-1\', \'Manual\', 2, NULL, 1.00, \'{}\', \'2025-02-03 08:00+00\', \'2025-02-03 08:00+00\');')
    c.execute("INSERT INTO app_digitalproduct (product_ptr_id, download_url) VALUES ('00000000-0000-4000-8000-000000000005', 'https://x/manual.pdf');")
    c.execute("INSERT INTO app_tag (id, name) VALUES ('00000000-0000-4000-8000-000000000006', 'steel'), ('00000000-0000-4000-8000-000000000007', 'sale');")
    c.execute("INSERT INTO app_product_tags (product_id, tag_id) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000006'), ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000007'), ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000007');")
    c.execute("INSERT INTO app_product_related (from_product_id, to_product_id) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004'), ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003');")
    c.execute("INSERT INTO app_delivery (supplier_id, product_id, quantity, received_at) VALUES (1, '00000000-0000-4000-8000-000000000004', 3, '2025-01-01 15:30+00');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: list(Product.objects.prefetch_related("related__tags"))
list(Product.objects.prefetch_related("related__tags"))
# step: list(Product.objects.prefetch_related("tags__product_set"))
list(Product.objects.prefetch_related("tags__product_set"))
# step: list(Product.objects.prefetch_related("category__parent"))
list(Product.objects.prefetch_related("category__parent"))
# step: list(Tag.objects.prefetch_related("product_set__category"))
list(Tag.objects.prefetch_related("product_set__category"))

# case: relations a multi-table child inherits
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'EBOOK-1', 'Manual', 1, NULL, 1.00, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000002', 'EBOOK-2', 'Guide', 1, NULL, 2.00, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
    c.execute("INSERT INTO app_digitalproduct (product_ptr_id, download_url) VALUES ('00000000-0000-4000-8000-000000000001', 'https://x/m.pdf'), ('00000000-0000-4000-8000-000000000002', 'https://x/g.pdf');")
    c.execute("INSERT INTO app_tag (id, name) VALUES ('00000000-0000-4000-8000-000000000003', 'sale');")
    c.execute("INSERT INTO app_product_tags (product_id, tag_id) VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: list(DigitalProduct.objects.filter(tags__name="sal
list(DigitalProduct.objects.filter(tags__name="sale").values_list("sku", flat=True))
# step: list(DigitalProduct.objects.exclude(tags__name="sa
list(DigitalProduct.objects.exclude(tags__name="sale").values_list("sku", flat=True))
# step: list(DigitalProduct.objects.exclude(tags__isnull=T
list(DigitalProduct.objects.exclude(tags__isnull=True).values_list("sku", flat=True))
# step: d = DigitalProduct.objects.get(sku="EBOOK-1")
d = DigitalProduct.objects.get(sku="EBOOK-1")
# step: list(d.tags.all())
list(d.tags.all())
# step: [list(p.tags.all()) for p in DigitalProduct.object
[list(p.tags.all()) for p in DigitalProduct.objects.order_by("sku").prefetch_related("tags")]
# step: list(DigitalProduct.objects.annotate(n=Count("tags
list(DigitalProduct.objects.annotate(n=Count("tags")).order_by("sku").values_list("sku", "n"))
# step: list(Supplier.objects.filter(product__digitalprodu
list(Supplier.objects.filter(product__digitalproduct__download_url="https://x/g.pdf").values_list("name", flat=True))

# case: latest() and earliest()
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 9.90, '{}', '2025-01-01 15:30+00', '2025-01-03 15:30+00'), ('00000000-0000-4000-8000-000000000002', 'SAW-1', 'Saw', 1, NULL, 4.50, '{}', '2025-01-02 15:30+00', '2025-01-02 15:30+00'), ('00000000-0000-4000-8000-000000000003', 'AXE-1', 'Axe', 1, NULL, 4.50, '{}', '2025-01-03 15:30+00', '2025-01-01 15:30+00');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: latest
newest = Product.objects.latest("created_at")
# step: earliest of two fields
Product.objects.order_by("sku").earliest("price", "-sku")
# step: latest of a filter
Product.objects.filter(price__gt=5).latest("updated_at", "sku")
# step: nothing matches
try:
    Supplier.objects.filter(name="nobody").earliest("id")
except Supplier.DoesNotExist as e:
    print("raised", type(e).__name__)
# step: sliced
try:
    Product.objects.all()[:2].latest("created_at")
except TypeError as e:
    print("raised", e)
# step: no fields
try:
    Product.objects.latest()
except ValueError as e:
    print("raised", e)

# case: __in with a queryset
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme'), ('Bolt'), ('Idle');")
    c.execute("INSERT INTO app_category (id, name, parent_id) VALUES ('00000000-0000-4000-8000-000000000001', 'Tools', NULL);")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000002', 'HAM-1', 'Hammer', 1, '00000000-0000-4000-8000-000000000001', 9.90, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000003', 'SAW-1', 'Saw', 2, NULL, 4.50, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
    c.execute("INSERT INTO app_tag (id, name) VALUES ('00000000-0000-4000-8000-000000000004', 'sale');")
    c.execute("INSERT INTO app_product_tags (product_id, tag_id) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000004');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: list(Product.objects.filter(supplier__in=Supplier.
list(Product.objects.filter(supplier__in=Supplier.objects.filter(name__startswith="A")).values_list("sku", flat=True))
# step: list(Product.objects.filter(supplier__in=Supplier.
list(Product.objects.filter(supplier__in=Supplier.objects.filter(name__startswith="B").values("id")).values_list("sku", flat=True))
# step: list(Supplier.objects.filter(id__in=Product.object
list(Supplier.objects.filter(id__in=Product.objects.filter(price__gt=5).values("supplier")).values_list("name", flat=True))
# step: list(Supplier.objects.exclude(pk__in=Product.objec
list(Supplier.objects.exclude(pk__in=Product.objects.values("supplier_id")).values_list("name", flat=True))
# step: list(Product.objects.filter(category__in=Category.
list(Product.objects.filter(category__in=Category.objects.filter(parent__isnull=True).order_by("name")).values_list("sku", flat=True))
# step: list(Product.objects.filter(tags__in=Tag.objects.f
list(Product.objects.filter(tags__in=Tag.objects.filter(name="sale")).values_list("sku", flat=True))
# step: list(Product.objects.filter(supplier__in=Subquery(
list(Product.objects.filter(supplier__in=Subquery(Supplier.objects.filter(name="Bolt").values("pk"))).values_list("sku", flat=True))
# step: list(Supplier.objects.filter(pk__in=Product.object
list(Supplier.objects.filter(pk__in=Product.objects.order_by("-price").values_list("supplier_id")[:1]).values_list("name", flat=True))

# case: save(force_update=True)
# step: create
s = Supplier.objects.create(name="Acme")
# step: force_update
s.name = "Acme Ltd"; s.save(force_update=True)
# step: no row
try:
    Supplier(id=99, name="x").save(force_update=True)
except DatabaseError as e:
    print("raised", type(e).__name__, e)
# step: no key
try:
    Supplier(name="x").save(force_update=True)
except ValueError as e:
    print("raised", e)
# step: a uuid key set by its default
try:
    Tag(name="t").save(force_update=True)
except DatabaseError as e:
    print("raised", type(e).__name__, e)
# step: a child
d = DigitalProduct.objects.create(sku="E", name="E", supplier=s, download_url="x")
# step: the child force_update
d.name = "F"; d.save(force_update=True)
# step: both
try:
    Supplier(name="y").save(force_insert=True, force_update=True)
except ValueError as e:
    print("raised", e)
# step: update_fields without a key
try:
    Supplier(name="z").save(update_fields=["name"])
except ValueError as e:
    print("raised", e)

# case: select_related() without names
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme');")
    c.execute("INSERT INTO app_customer (email, name) VALUES ('a@e', 'A');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 9.90, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
    c.execute("INSERT INTO app_order (id, customer_id, placed_at, updated_at, state, total) VALUES ('00000000-0000-4000-8000-000000000002', 1, '2025-01-01 15:30+00', '2025-01-01 15:30+00', 'new', 9.90);")
    c.execute("INSERT INTO app_orderline (order_id, product_id, quantity) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 2);")
    c.execute("INSERT INTO app_delivery (supplier_id, product_id, quantity, received_at) VALUES (1, '00000000-0000-4000-8000-000000000001', 3, '2025-01-01 15:30+00');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: order lines
[(l.order.customer.name, l.product.supplier.name) for l in OrderLine.objects.select_related()]
# step: deliveries
[(d.product.supplier.name, d.supplier.name) for d in Delivery.objects.select_related()]
# step: products
[(p.supplier.name, p.category) for p in Product.objects.select_related()]

# case: key transforms of a JSONField
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme');")
    c.execute('INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES (\'00000000-0000-4000-8000-000000000001\', \'HAM-1\', \'Hammer\', 1, NULL, 9.90, \'{"color": "red", "size": 2, "dims": {"w": 10, "h": 3}, "tags": ["a", "b"]}\', \'2025-01-01 15:30+00\', \'2025-01-01 15:30+00\'), (\'00000000-0000-4000-8000-000000000002\', \'SAW-1\', \'Saw\', 1, NULL, 4.50, \'{"color": "blue", "size": 5.5, "dims": {"w": 4}, "tags": ["b"], "note": null}\', \'2025-01-01 15:30+00\', \'2025-01-01 15:30+00\'), (\'00000000-0000-4000-8000-000000000003\', \'AXE-5\', \'Axe\', 1, NULL, 5.00, \'["x", "y"]\', \'2025-01-01 15:30+00\', \'2025-01-01 15:30+00\'), (\'00000000-0000-4000-8000-000000000004\', \'BOX-1\', \'Box\', 1, NULL, 1.00, \'{}\', \'2025-01-01 15:30+00\', \'2025-01-01 15:30+00\');')
    c.execute("INSERT INTO app_delivery (supplier_id, product_id, quantity, received_at) VALUES (1, '00000000-0000-4000-8000-000000000001', 3, '2025-01-01 15:30+00');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: list(Product.objects.filter(attributes__color="red").values_
list(Product.objects.filter(attributes__color="red").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size=2).values_list(
list(Product.objects.filter(attributes__size=2).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size=5.5).values_lis
list(Product.objects.filter(attributes__size=5.5).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__note=None).values_li
list(Product.objects.filter(attributes__note=None).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims={"w": 4}).value
list(Product.objects.filter(attributes__dims={"w": 4}).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__flag=True).values_li
list(Product.objects.filter(attributes__flag=True).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__year=2025).values_li
list(Product.objects.filter(attributes__year=2025).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size__gt=3).values_l
list(Product.objects.filter(attributes__size__gt=3).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size__lte=2).values_
list(Product.objects.filter(attributes__size__lte=2).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__in=["red", "g
list(Product.objects.filter(attributes__color__in=["red", "green"]).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size__range=[1, 3]).
list(Product.objects.filter(attributes__size__range=[1, 3]).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__icontains="RE
list(Product.objects.filter(attributes__color__icontains="RE").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__startswith="b
list(Product.objects.filter(attributes__color__startswith="b").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__iexact="RED")
list(Product.objects.filter(attributes__color__iexact="RED").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__regex="^r").v
list(Product.objects.filter(attributes__color__regex="^r").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__size__icontains=5).v
list(Product.objects.filter(attributes__size__icontains=5).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__contains="red
list(Product.objects.filter(attributes__color__contains="red").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims__w=10).values_l
list(Product.objects.filter(attributes__dims__w=10).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims__w__gt=5).value
list(Product.objects.filter(attributes__dims__w__gt=5).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims__w__icontains="
list(Product.objects.filter(attributes__dims__w__icontains="1").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__0="x").values_list("
list(Product.objects.filter(attributes__0="x").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__tags__0="a").values_
list(Product.objects.filter(attributes__tags__0="a").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__color__isnull=True).
list(Product.objects.filter(attributes__color__isnull=True).values_list("sku", flat=True).order_by("sku"))
# step: list(Product.objects.filter(attributes__dims__h__isnull=Fals
list(Product.objects.filter(attributes__dims__h__isnull=False).values_list("sku", flat=True))
# step: list(Product.objects.exclude(attributes__color="red").values
list(Product.objects.exclude(attributes__color="red").values_list("sku", flat=True))
# step: list(Product.objects.exclude(attributes__color__isnull=True)
list(Product.objects.exclude(attributes__color__isnull=True).values_list("sku", flat=True).order_by("sku"))
# step: list(Product.objects.filter(attributes__dims__has_key="h").v
list(Product.objects.filter(attributes__dims__has_key="h").values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims__contains={"w":
list(Product.objects.filter(attributes__dims__contains={"w": 10}).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes__dims__contained_by={
list(Product.objects.filter(attributes__dims__contained_by={"w": 4, "h": 1}).values_list("sku", flat=True))
# step: list(Product.objects.filter(Q(attributes__color="red") | Q(a
list(Product.objects.filter(Q(attributes__color="red") | Q(attributes__size__gt=5)).values_list("sku", flat=True).order_by("sku"))
# step: list(Product.objects.values("sku", "attributes__color").order_
list(Product.objects.values("sku", "attributes__color").order_by("sku"))
# step: list(Product.objects.values_list("attributes__dims__w", flat=
list(Product.objects.values_list("attributes__dims__w", flat=True).order_by("sku"))
# step: list(Product.objects.order_by("attributes__size").values_list
list(Product.objects.order_by("attributes__size").values_list("sku", flat=True))
# step: list(Product.objects.order_by("-attributes__dims__w", "sku").
list(Product.objects.order_by("-attributes__dims__w", "sku").values_list("sku", flat=True))
# step: list(Product.objects.annotate(c=F("attributes__color")).value
list(Product.objects.annotate(c=F("attributes__color")).values_list("sku", "c").order_by("sku"))
# step: list(Product.objects.annotate(w=F("attributes__dims__w")).fil
list(Product.objects.annotate(w=F("attributes__dims__w")).filter(w__gt=5).values_list("sku", flat=True))
# step: list(Product.objects.filter(attributes=None).values_list("sk
list(Product.objects.filter(attributes=None).values_list("sku", flat=True))
# step: list(Product.objects.annotate(c=F("attributes__note")).filte
list(Product.objects.annotate(c=F("attributes__note")).filter(c=None).values_list("sku", flat=True))
# step: list(Product.objects.annotate(c=F("attributes__color")).filt
list(Product.objects.annotate(c=F("attributes__color")).filter(c__icontains="E").values_list("sku", flat=True).order_by("sku"))
# step: list(Product.objects.annotate(c=F("attributes__color")).filt
list(Product.objects.annotate(c=F("attributes__color")).filter(c__in=["red"]).values_list("sku", flat=True))
# step: list(Product.objects.annotate(c=F("attributes__dims")).filte
list(Product.objects.annotate(c=F("attributes__dims")).filter(c__contains={"w": 4}).values_list("sku", flat=True))
# step: list(Product.objects.exclude(attributes__dims__w__gt=5).valu
list(Product.objects.exclude(attributes__dims__w__gt=5).values_list("sku", flat=True))
# step: list(Delivery.objects.filter(product__attributes__color="red
list(Delivery.objects.filter(product__attributes__color="red").values_list("quantity", flat=True))
# case: iterator() with prefetch_related, and select_for_update(of=...) on a multi-table child
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'EB-1', 'Ebook', 1, NULL, 9.90, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000002', 'EB-2', 'Audiobook', 1, NULL, 12.00, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000003', 'HAM-1', 'Hammer', 1, NULL, 4.50, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
    c.execute("INSERT INTO app_digitalproduct (product_ptr_id, download_url) VALUES ('00000000-0000-4000-8000-000000000001', 'http://x/1'), ('00000000-0000-4000-8000-000000000002', 'http://x/2');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: iterator() after prefetch_related() without chunk_size
for p in Product.objects.prefetch_related("tags").iterator(): pass
# step: values_list(flat) + prefetch_related, iterator(chunk_size=2)
for s in Product.objects.prefetch_related("tags").values_list("sku", flat=True).iterator(chunk_size=2): pass
# step: values() + prefetch_related, iterator(chunk_size=2)
for r in Product.objects.prefetch_related("tags").values("name").iterator(chunk_size=2): pass
# step: of the parent link, skip_locked
with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("product_ptr",), skip_locked=True))
# step: of self and the parent link, no_key
with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("self", "product_ptr"), no_key=True))
# step: of a relation not followed
with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("supplier",)))
# step: select_related supplier, of supplier and the parent link, nowait
with transaction.atomic(): list(DigitalProduct.objects.select_related("supplier").select_for_update(of=("supplier", "product_ptr"), nowait=True))
# step: of names reaching no object, with select_related
with transaction.atomic(): list(DigitalProduct.objects.select_related("supplier").select_for_update(of=("product_ptr__supplier", "tags")))
# step: only() of the child's fields, of the parent link
with transaction.atomic(): list(DigitalProduct.objects.only("download_url").select_for_update(of=("product_ptr",)))
# step: values() with of=self
with transaction.atomic(): list(DigitalProduct.objects.values("name").select_for_update(of=("self",)))
# step: of self on the parent model, filtered
with transaction.atomic(): list(Product.objects.filter(sku="HAM-1").select_for_update(of=("self",)))

# case: distinct(*fields): DISTINCT ON
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme'), ('Bolt');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 9.90, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000002', 'SAW-1', 'Saw', 1, NULL, 4.50, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000003', 'AXE-1', 'Axe', 2, NULL, 7.00, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: one key
list(Product.objects.order_by("supplier", "-price").distinct("supplier").values_list("sku", flat=True))
# step: across a relation
list(Product.objects.order_by("supplier__name", "sku").distinct("supplier__name"))
# step: count
Product.objects.order_by("supplier").distinct("supplier").count()
# step: two fields
list(Product.objects.distinct("supplier", "category").order_by("supplier", "category", "price").values_list("sku", flat=True))
# step: first
Product.objects.order_by("supplier", "-price").distinct("supplier").first()
# step: exists
Product.objects.distinct("supplier").exists()
# step: sliced
try:
    Product.objects.all()[:1].distinct("supplier")
except TypeError as e:
    print("raised", e)

# case: database functions
from django.db.models.functions import (
    Abs, Ceil, ExtractDay, ExtractHour, ExtractIsoWeekDay, ExtractIsoYear, ExtractMinute,
    ExtractMonth, ExtractQuarter, ExtractSecond, ExtractWeek, ExtractWeekDay, ExtractYear,
    Floor, Greatest, Least, Left, LPad, LTrim, MD5, Mod, Now, NullIf, Power, Repeat, Replace,
    Reverse, Right, Round, RPad, RTrim, StrIndex, Substr, Trim, Upper,
)
with connection.cursor() as c:
    c.execute("INSERT INTO app_supplier (supplier_name) VALUES ('Acme'), ('Bolt');")
    c.execute("INSERT INTO app_product (id, product_sku, name, supplier_id, cat, price, attributes, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 9.95, '{}', '2024-03-10 08:15:42+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000002', 'SAW-1', 'Saw', 1, NULL, 4.50, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00'), ('00000000-0000-4000-8000-000000000003', 'AXE-1', 'Axe', 2, NULL, 7.00, '{}', '2025-01-01 15:30+00', '2025-01-01 15:30+00');")
    c.execute("INSERT INTO app_delivery (supplier_id, product_id, quantity, received_at) VALUES (1, '00000000-0000-4000-8000-000000000001', 3, '2024-12-30 23:45:30.75+00'), (2, '00000000-0000-4000-8000-000000000003', 7, '2025-06-15 06:05:09+00');")
    c.execute("INSERT INTO app_customer (email, name) VALUES ('ann@e', '  Ann  ');")
connection.close()  # set-up, not the spec's steps: its first step connects
# step: greatest and least
list(Delivery.objects.annotate(g=Greatest("quantity", Value(5)), l=Least("quantity", Value(5))).order_by("pk").values_list("g", "l"))
# step: greatest of mixed types
list(Product.objects.annotate(g=Greatest("price", Value(5))))
# step: greatest with an output field
list(Product.objects.annotate(g=Greatest("price", Value(5), output_field=DecimalField(max_digits=10, decimal_places=2))).order_by("sku").values_list("g", flat=True))
# step: nullif
list(Product.objects.annotate(n=NullIf("name", Value("Saw"))).order_by("sku").values_list("sku", "n"))
# step: extract parts of a datetime
list(Delivery.objects.annotate(y=ExtractYear("received_at"), iy=ExtractIsoYear("received_at"), q=ExtractQuarter("received_at"), m=ExtractMonth("received_at"), w=ExtractWeek("received_at"), d=ExtractDay("received_at"), wd=ExtractWeekDay("received_at"), iwd=ExtractIsoWeekDay("received_at"), h=ExtractHour("received_at"), mi=ExtractMinute("received_at"), s=ExtractSecond("received_at")).order_by("pk").values_list("y", "iy", "q", "m", "w", "d", "wd", "iwd", "h", "mi", "s"))
# step: extract in values, grouped
list(Product.objects.values(y=ExtractYear("created_at")).annotate(n=Count("pk")).order_by("y"))
# step: filter on an extracted year
list(Product.objects.annotate(y=ExtractYear("created_at")).filter(y=2024).values_list("sku", flat=True))
# step: filter on an extracted month
list(Product.objects.annotate(m=ExtractMonth("created_at")).filter(m__gte=2).values_list("sku", flat=True))
# step: a function as a filter value
list(Delivery.objects.filter(quantity__lt=Greatest(ExtractMonth("received_at"), Value(4))).values_list("quantity", flat=True))
# step: order by an extract
list(Delivery.objects.order_by(ExtractHour("received_at").desc()).values_list("quantity", flat=True))
# step: now
Delivery.objects.annotate(n=Now()).filter(n__gt=F("received_at"), received_at__lt=Now()).count()
# step: abs, round, ceil, floor
list(Product.objects.annotate(a=Abs(F("price") * -1), r=Round("price", 1), r0=Round("price"), c=Ceil("price"), f=Floor("price")).order_by("sku").values_list("a", "r", "r0", "c", "f"))
# step: mod and power
list(Delivery.objects.annotate(m=Mod("quantity", 4), p=Power("quantity", 2), mf=Mod("quantity", Value(2.5))).order_by("pk").values_list("m", "p", "mf"))
# step: substr, left, right
list(Product.objects.annotate(s=Substr("name", 2, 3), s2=Substr("name", 2), l=Left("name", 2), r=Right("name", 2)).order_by("sku").values_list("s", "s2", "l", "r"))
# step: replace, strindex, reverse, repeat, md5
list(Product.objects.annotate(rp=Replace("name", Value("a"), Value("o")), rp2=Replace("name", Value("a")), i=StrIndex("name", Value("a")), rev=Reverse("name"), rep=Repeat("sku", 2), md5=MD5("sku")).order_by("sku").values_list("rp", "rp2", "i", "rev", "rep", "md5"))
# step: trim and pad
list(Customer.objects.annotate(t=Trim("name"), lt=LTrim("name"), rt=RTrim("name"), lp=LPad("email", 8, Value("*")), rpd=RPad("email", 8)).values_list("t", "lt", "rt", "lp", "rpd"))
# step: update with functions
Product.objects.filter(sku="HAM-1").update(name=Upper(Left("name", 3)), price=Round("price", 1))
