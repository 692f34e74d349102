# The calls of the catalogue's library specs (specs/library/*.yaml), one case per spec, each
# of the spec's steps a step here (its `name` is the call), its `check:` steps left out (the
# golden does not number them). No spec has set-up SQL: the first step connects.

# django-oracle freezes timezone.now() at 2025-01-01 15:30 UTC but not date.today(), which
# DateField's auto_now(_add) calls, nor datetime.now().time(), which TimeField's calls: freeze
# them at the same instant, as pgscenario's default `now` does.
import datetime as _datetime
from django.db.models import DateField as _DateField, TimeField as _TimeField


def _frozen(field_class, value):
    original = field_class.__dict__["pre_save"]
    if getattr(original, "frozen", False):
        return
    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            setattr(model_instance, self.attname, value)
            return value
        return original(self, model_instance, add)
    pre_save.frozen = True
    field_class.pre_save = pre_save


_frozen(_DateField, _datetime.date(2025, 1, 1))
_frozen(_TimeField, _datetime.time(15, 30))

import datetime
import uuid
import app.models as m
m._ids = __import__("itertools").count(1)

# case: bulk
# step: create
main = Branch.objects.create(code="MAIN", name="Main")
# step: create
pub = Publisher.objects.create(name="P")
# step: create
Book.objects.create(isbn="1", title="Existing", publisher=pub)
# step: Book.objects.bulk_create([isbn "1" (taken), "2", "3"], ignore_conflicts=True)
Book.objects.bulk_create([Book(isbn="1", title="dup", publisher=pub), Book(isbn="2", title="B", publisher=pub), Book(isbn="3", title="C", publisher=pub)], ignore_conflicts=True)
# step: Book.objects.bulk_create([one book], ignore_conflicts=True) (VALUES for one row)
Book.objects.bulk_create([Book(isbn="2", title="dup", publisher=pub)], ignore_conflicts=True)
# step: Book.objects.bulk_create([five books], batch_size=2, ignore_conflicts=True)
Book.objects.bulk_create([Book(isbn=str(i), title=str(i), publisher=pub) for i in range(10, 15)], batch_size=2, ignore_conflicts=True)
# step: Book.objects.bulk_create([...], update_conflicts=True, unique_fields=["isbn"], update_fields=["title"])
Book.objects.bulk_create([Book(isbn="1", title="One", publisher=pub), Book(isbn="4", title="Four", publisher=pub)], update_conflicts=True, unique_fields=["isbn"], update_fields=["title"])
# step: Branch.objects.bulk_create([MAIN (taken), EAST], ignore_conflicts=True) (char pk)
Branch.objects.bulk_create([Branch(code="MAIN", name="x"), Branch(code="EAST", name="East")], ignore_conflicts=True)
# step: Branch.objects.bulk_create([MAIN, NORTH], update_conflicts=True, unique_fields=["code"], update_fields=["name"])
Branch.objects.bulk_create([Branch(code="MAIN", name="Main 2"), Branch(code="NORTH", name="North")], update_conflicts=True, unique_fields=["code"], update_fields=["name"])
# step: Member.objects.bulk_create([Member(name="a"), Member(name="b", home_branch_id="EAST")]) (RETURNING the ids)
Member.objects.bulk_create([Member(name="a"), Member(name="b", home_branch_id="EAST")])
# step: b1 = Book.objects.get(isbn="1")
b1 = Book.objects.get(isbn="1")
# step: Copy.objects.bulk_create([Copy(book=b1, branch=main, barcode="X1"), Copy(book=b1, branch_id="EAST", barcode="X2")])
Copy.objects.bulk_create([Copy(book=b1, branch=main, barcode="X1"), Copy(book=b1, branch_id="EAST", barcode="X2")])
# step: get
c1 = Copy.objects.get(pk=1)
# step: get
c2 = Copy.objects.get(pk=2)
# step: c1.barcode = "Y1"; c2.branch_id = "MAIN"; Copy.objects.bulk_update([c1, c2], ["barcode", "branch"])
c1.barcode = "Y1"; c2.branch_id = "MAIN"; Copy.objects.bulk_update([c1, c2], ["barcode", "branch"])
# step: get
m1 = Member.objects.get(pk=1)
# step: get
m2 = Member.objects.get(pk=2)
# step: home_branch_id = "NORTH" on both; Member.objects.bulk_update([m1, m2], ["home_branch", "joined_on"])
m1.home_branch_id = "NORTH"; m2.home_branch_id = "NORTH"
Member.objects.bulk_update([m1, m2], ["home_branch", "joined_on"])
# step: Member.follows.through.objects.bulk_create([(from m1 to m2), (from m2 to m1)], ignore_conflicts=True)
F_ = Member.follows.through
F_.objects.bulk_create([F_(from_member=m1, to_member=m2), F_(from_member=m2, to_member=m1)], ignore_conflicts=True)
# step: create
w = Workshop.objects.create(title="W", branch=main)
# step: w.title = "W2"; w.capacity = 9; Workshop.objects.bulk_update([w], ["capacity", "title", "session_time"])
w.title = "W2"; w.capacity = 9; Workshop.objects.bulk_update([w], ["capacity", "title", "session_time"])
# step: get
b2 = Book.objects.get(isbn="2")
# step: c1.book = b2; Copy.objects.bulk_update([c1, c2], ["book"]) (a foreign key to a uuid, no CAST)
c1.book = b2; Copy.objects.bulk_update([c1, c2], ["book"])
# step: Card.objects.bulk_create([Card(), Card(ip="10.0.0.1")]) (uuid[], inet[] and time[])
Card.objects.bulk_create([Card(), Card(ip="10.0.0.1")])
# step: get
card1 = Card.objects.get(pk=1)
# step: get
card2 = Card.objects.get(pk=2)
# step: card1.token = UUID(...aa); card1.opens = time(9, 0); card2.ip = "10.0.0.2"; Card.objects.bulk_update([card1, card2], ["token", "ip", "opens"])
card1.token = uuid.UUID("00000000-0000-4000-8000-0000000000aa"); card1.opens = datetime.time(9, 0); card2.ip = "10.0.0.2"
Card.objects.bulk_update([card1, card2], ["token", "ip", "opens"])

# case: char_pk
# step: Branch.objects.create(code="MAIN", name="Main") (no RETURNING)
main = Branch.objects.create(code="MAIN", name="Main")
# step: Branch(code="EAST", name="East").save() (an UPDATE that finds nothing, then an INSERT)
east = Branch(code="EAST", name="East"); east.save()
# step: Branch(code="MAIN", name="Main Library").save() (the UPDATE finds it)
Branch(code="MAIN", name="Main Library").save()
# step: Branch.objects.create(code="MAIN", name="again") (create() only INSERTs)
Branch.objects.create(code="MAIN", name="again")
# step: Member.objects.create(name="Ann") (home_branch defaults to "MAIN")
ann = Member.objects.create(name="Ann")
# step: Member.objects.create(name="Bob", home_branch=east)
bob = Member.objects.create(name="Bob", home_branch=east)
# step: Member.objects.create(name="Cat", home_branch_id="EAST")
cat = Member.objects.create(name="Cat", home_branch_id="EAST")
# step: ann.name = "Ann B"; ann.save()
ann.name = "Ann B"; ann.save()
# step: ann.home_branch = east; ann.save(update_fields=["home_branch"])
ann.home_branch = east; ann.save(update_fields=["home_branch"])
# step: ann.home_branch_id = "MAIN"; ann.save(update_fields=["home_branch_id"])
ann.home_branch_id = "MAIN"; ann.save(update_fields=["home_branch_id"])
# step: Member(id=1, name="Ann again").save() (joined_on is None on the UPDATE path)
Member(id=1, name="Ann again").save()
# step: Branch.objects.get(pk="EAST")
Branch.objects.get(pk="EAST")
# step: Member.objects.get(name="Bob")
Member.objects.get(name="Bob")
# step: Member.objects.filter(home_branch="EAST").update(name="X")
Member.objects.filter(home_branch="EAST").update(name="X")
# step: Branch.objects.get_or_create(code="WEST", defaults={"name": "West"}) (created)
Branch.objects.get_or_create(code="WEST", defaults={"name": "West"})
# step: Branch.objects.update_or_create(code="WEST", defaults={"name": "West wing"}) (found)
Branch.objects.update_or_create(code="WEST", defaults={"name": "West wing"})
# step: Member.objects.update_or_create(id=2, defaults={"home_branch_id": "MAIN"}) (found; joined_on is saved too)
Member.objects.update_or_create(id=2, defaults={"home_branch_id": "MAIN"})
# step: Member.objects.update_or_create(name="Zed", defaults={"name": "Zed"}) (created in a savepoint)
Member.objects.update_or_create(name="Zed", defaults={"name": "Zed"})
# step: create
pub = Publisher.objects.create(name="P")
# step: Book.objects.get_or_create(isbn="9", defaults={"title": "T", "publisher": pub}) (column pub)
book, _ = Book.objects.get_or_create(isbn="9", defaults={"title": "T", "publisher": pub})
# step: Hold.objects.create(book=book, member=ann, pickup=None) (NULL, not '')
Hold.objects.create(book=book, member=ann, pickup=None)
# step: Copy.objects.create(book=book, barcode="x", branch=None) (the column at_branch)
Copy.objects.create(book=book, barcode="x", branch=None)
# step: tmp = Branch.objects.create(code="TMP", name="Tmp")
tmp = Branch.objects.create(code="TMP", name="Tmp")
# step: tmp.delete() (the instance's key becomes None)
tmp.delete()
# step: tmp.save() (get_pk_value_on_save gives the key its default, '', so an UPDATE, then an INSERT)
tmp.save()
# step: Branch(name="Nameless").save() (the key defaults to '', as any CharField's; the UPDATE finds that row)
Branch(name="Nameless").save()
# step: Branch.objects.create(name="Other") (an INSERT of '' again)
Branch.objects.create(name="Other")

# case: deletes
# step: create
main = Branch.objects.create(code="MAIN", name="Main")
# step: create
east = Branch.objects.create(code="EAST", name="East")
# step: create
west = Branch.objects.create(code="WEST", name="West")
# step: create
ann = Member.objects.create(name="Ann", home_branch=west)
# step: create
bob = Member.objects.create(name="Bob", home_branch=west)
# step: create
cat = Member.objects.create(name="Cat")
# step: create
p1 = Publisher.objects.create(name="P1")
# step: create
p2 = Publisher.objects.create(name="P2")
# step: create
b1 = Book.objects.create(isbn="1", title="B1", publisher=p1)
# step: create
b2 = Book.objects.create(isbn="2", title="B2", publisher=p1)
# step: create
b3 = Book.objects.create(isbn="3", title="B3", publisher=p2)
# step: create
a1 = Author.objects.create(name="A")
# step: create
Authorship.objects.create(book=b1, author=a1)
# step: create
c1 = Copy.objects.create(book=b1, branch=east, barcode="C1")
# step: create
c2 = Copy.objects.create(book=b1, branch=east, barcode="C2")
# step: create
c3 = Copy.objects.create(book=b2, branch=main, barcode="C3")
# step: create
c4 = Copy.objects.create(book=b3, branch=main, barcode="C4")
# step: create
c5 = Copy.objects.create(book=b3, branch=east, barcode="C5")
# step: create
loan = Loan.objects.create(copy=c2, member=ann)
# step: create
loan2 = Loan.objects.create(copy=c4, member=cat)
# step: create
h1 = Hold.objects.create(book=b1, copy=c1, member=bob, pickup=west)
# step: create
h2 = Hold.objects.create(book=b3, copy=None, member=cat, pickup=west)
# step: create
Review.objects.create(book=b3, member=cat)
# step: create
ev = Event.objects.create(title="Story time", branch=west)
# step: create
ws = Workshop.objects.create(title="Knitting", branch=west, capacity=5)
# step: p1.delete() (a loan RESTRICTs copy C2, two cascades down)
p1.delete()
# step: loan.delete()
loan.delete()
# step: p1.delete() (the hold's RESTRICT on C1 is lifted by the cascade from its book)
p1.delete()
# step: b3.delete() (a review PROTECTs it, a loan RESTRICTs its copy C4)
b3.delete()
# step: p2.delete() (the same review, reached through the cascade to b3)
p2.delete()
# step: west.delete() (SET_DEFAULT on members, SET("MAIN") on holds, events and workshops cascade)
west.delete()
# step: east.delete() (copy C5 PROTECTs it)
east.delete()
# step: Member.objects.filter(home_branch="MAIN").delete() (everyone, with their loans, holds and reviews)
Member.objects.filter(home_branch="MAIN").delete()
# step: b3.delete() (nothing protects it now)
b3.delete()
# step: Branch.objects.filter(name="East").delete() (SET("MAIN") on holds, though there are none)
Branch.objects.filter(name="East").delete()

# case: inheritance
# step: create
main = Branch.objects.create(code="MAIN", name="Main")
# step: Workshop.objects.create(title="Knitting", branch_id="MAIN", capacity=5)
ws = Workshop.objects.create(title="Knitting", branch_id="MAIN", capacity=5)
# step: ws.capacity = 6; ws.save() (both tables, the auto_now fields set to now)
ws.capacity = 6; ws.save()
# step: ws.save(update_fields=["title", "capacity"]) (a field of each table)
ws.title = "Knitting 101"; ws.capacity = 7; ws.save(update_fields=["title", "capacity"])
# step: ws.save(update_fields=["updated_at"]) (the parent only)
ws.save(update_fields=["updated_at"])
# step: ws.save(update_fields=["session_time"]) (the child only)
ws.save(update_fields=["session_time"])
# step: ws.save(update_fields=["booked_on", "created_at"]) (auto_now_add fields written back as they are)
ws.save(update_fields=["booked_on", "created_at"])
# step: Workshop.objects.update_or_create(title="Knitting 101", defaults={"capacity": 12})
Workshop.objects.update_or_create(title="Knitting 101", defaults={"capacity": 12})
# step: Workshop.objects.update_or_create(title="Knitting 101", defaults={"title": "Knitting 102"})
Workshop.objects.update_or_create(title="Knitting 101", defaults={"title": "Knitting 102"})
# step: Workshop.objects.update_or_create(title="Knitting 102") (no defaults; the child's date fields all the same)
Workshop.objects.update_or_create(title="Knitting 102")
# step: Workshop.objects.update_or_create(title="Knitting 102", defaults={"branch_id": "MAIN", "capacity": 3})
Workshop.objects.update_or_create(title="Knitting 102", defaults={"branch_id": "MAIN", "capacity": 3})
# step: Workshop.objects.update_or_create(title="Pottery", defaults={"capacity": 4}, create_defaults={"branch_id": "MAIN"}) (created with capacity 10)
Workshop.objects.update_or_create(title="Pottery", defaults={"capacity": 4}, create_defaults={"branch_id": "MAIN"})
# step: Workshop.objects.get_or_create(title="Pottery") (found)
Workshop.objects.get_or_create(title="Pottery")
# step: Event.objects.update_or_create(title="Pottery", defaults={"title": "Pottery!"}) (the parent's date fields)
Event.objects.update_or_create(title="Pottery", defaults={"title": "Pottery!"})
# step: Workshop.objects.get(pk=ws.pk) (the two tables joined)
Workshop.objects.get(pk=ws.pk)
# step: Workshop.objects.filter(capacity=3).update(title="X") (the child ids first)
Workshop.objects.filter(capacity=3).update(title="X")
# step: Workshop(title="Yoga", branch_id="MAIN").save() (both INSERTs, no UPDATE tried)
Workshop(title="Yoga", branch_id="MAIN").save()
# step: Workshop.objects.bulk_create([Workshop(title="Z", branch_id="MAIN")])
Workshop.objects.bulk_create([Workshop(title="Z", branch_id="MAIN")])
# step: Workshop.objects.get_or_create(title="Chess", defaults={"branch_id": "MAIN"}) (created)
Workshop.objects.get_or_create(title="Chess", defaults={"branch_id": "MAIN"})
# step: Workshop.objects.update_or_create(title="Go", create_defaults={"branch": main, "capacity": 2}) (created)
Workshop.objects.update_or_create(title="Go", create_defaults={"branch": main, "capacity": 2})
# step: w = Workshop.objects.get(title="Go")
w = Workshop.objects.get(title="Go")
# step: w.save(update_fields=[]) (nothing sent)
w.save(update_fields=[])
# step: ws.delete() (the child row, then the parent's)
ws.delete()
# step: Event.objects.filter(title="Pottery!").delete() (the parent's rows cascade to the child)
Event.objects.filter(title="Pottery!").delete()
# step: Workshop.objects.filter(capacity=10).delete() (Yoga and Chess)
Workshop.objects.filter(capacity=10).delete()

# case: loaded_values
# step: Card.objects.bulk_create([Card(ip="10.0.0.1", opens=time(9, 5, 7))])
Card.objects.bulk_create([Card(ip="10.0.0.1", opens=datetime.time(9, 5, 7))])
# step: c = Card.objects.get(pk=1)
c = Card.objects.get(pk=1)
# step: c.save()
c.save()
# step: Card.objects.bulk_update([c], ["token", "ip", "opens"])
Card.objects.bulk_update([c], ["token", "ip", "opens"])

# case: self_relations
# step: create
Branch.objects.create(code="MAIN", name="Main")
# step: create
a = Member.objects.create(name="a")
# step: create
b = Member.objects.create(name="b")
# step: create
c = Member.objects.create(name="c")
# step: create
d = Member.objects.create(name="d")
# step: create
e = Member.objects.create(name="e")
# step: create
f = Member.objects.create(name="f")
# step: create
g = Member.objects.create(name="g")
# step: create
h = Member.objects.create(name="h")
# step: create
i = Member.objects.create(name="i")
# step: create
j = Member.objects.create(name="j")
# step: a.follows.add(b, c)
a.follows.add(b, c)
# step: a.follows.add(j, a, c) (ids in set order, 1 before 10)
a.follows.add(j, a, c)
# step: a.follows.remove(c) (one direction)
a.follows.remove(c)
# step: a.follows.set([d, e])
a.follows.set([d, e])
# step: a.follows.clear()
a.follows.clear()
# step: a.friends.add(b, c) (the rows with the receivers, then their mirrors)
a.friends.add(b, c)
# step: a.friends.add(b, d) (b is there; the mirrors go for both)
a.friends.add(b, d)
# step: a.friends.add(a) (the same row twice)
a.friends.add(a)
# step: a.friends.remove(b) (both directions)
a.friends.remove(b)
# step: a.friends.set([c, e])
a.friends.set([c, e])
# step: b.friends.add(a) (from the other side)
b.friends.add(a)
# step: a.friends.clear() (both directions)
a.friends.clear()
# step: b.followers.add(d) (the reverse manager of follows)
b.followers.add(d)
# step: Member.friends.through.objects.bulk_create([...(from_member=c, to_member=d), ...(from_member_id=d.id, to_member_id=c.id)])
T = Member.friends.through
T.objects.bulk_create([T(from_member=c, to_member=d), T(from_member_id=d.id, to_member_id=c.id)])
# step: d.delete() (every related table fast-deleted, join rows on either side)
d.delete()
# step: Member.objects.filter(name="e").delete()
Member.objects.filter(name="e").delete()

# case: through
# step: create
Branch.objects.create(code="MAIN", name="Main")
# step: create
pub = Publisher.objects.create(name="P")
# step: create
book = Book.objects.create(isbn="111", title="Dune", publisher=pub)
# step: create
a = Author.objects.create(name="a")
# step: create
b = Author.objects.create(name="b")
# step: create
c = Author.objects.create(name="c")
# step: create
d = Author.objects.create(name="d")
# step: create
e = Author.objects.create(name="e")
# step: create
f = Author.objects.create(name="f")
# step: create
g = Author.objects.create(name="g")
# step: create
h = Author.objects.create(name="h")
# step: create
i = Author.objects.create(name="i")
# step: create
j = Author.objects.create(name="j")
# step: create
k = Author.objects.create(name="k")
# step: create
l = Author.objects.create(name="l")
# step: book.authors.add(i, a, c, through_defaults={"role": "editor"})
book.authors.add(i, a, c, through_defaults={"role": "editor"})
# step: book.authors.add(a, d) (a is there)
book.authors.add(a, d)
# step: book.authors.add(d) (nothing missing; pre_add and post_add with no ids)
book.authors.add(d)
# step: book.authors.remove(i, 4) (an object and a raw id)
book.authors.remove(i, 4)
# step: book.authors.set([a, e, k], through_defaults={"position": 2})
book.authors.set([a, e, k], through_defaults={"position": 2})
# step: book.authors.clear()
book.authors.clear()
# step: Authorship.objects.create(book=book, author=b, role="translator")
Authorship.objects.create(book=book, author=b, role="translator")
# step: Authorship.objects.bulk_create([Authorship(book=book, author=c), Authorship(book=book, author=d, position=5)])
Authorship.objects.bulk_create([Authorship(book=book, author=c), Authorship(book=book, author=d, position=5)])
# step: b.delete() (its Authorship rows go with it)
b.delete()
# step: book.delete() (copies and reviews are looked for; holds and Authorship rows fast-deleted)
book.delete()
