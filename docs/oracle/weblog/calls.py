# The calls of the catalogue's read specs (specs/seed/get_*.yaml, specs/orm/queryset_*.yaml),
# one case per spec, on models.py with fixture.sql.

# case: get_query_blog
# step: all blogs
list(Blog.objects.all())
# step: by name
list(Blog.objects.filter(name="Tech"))
# step: get by pk
Blog.objects.get(pk=1)
# step: startswith, newest name first
list(Blog.objects.filter(name__startswith="T").order_by("-name"))
# step: first
Blog.objects.first()
# step: get of nothing
Blog.objects.get(name="Nope")

# case: get_query_author
# step: by email, ordered
list(Author.objects.filter(email__endswith="@example.com").order_by("name"))
# step: authors of a blog's entries (one row per entry)
list(Author.objects.filter(entry__blog__name="Tech"))
# step: distinct
list(Author.objects.filter(entry__blog__name="Tech").distinct())
# step: exclude through the relation
list(Author.objects.exclude(entry__rating__lt=3))
# step: names
list(Author.objects.values_list("name", flat=True))

# case: get_query_author2
# step: authors with no entry
list(Author.objects.filter(entry__isnull=True))
# step: Q with or across a relation
list(Author.objects.filter(Q(name="Ann") | Q(entry__pub_date__year=2023)).distinct())
# step: entries per author
list(Author.objects.annotate(n=Count("entry")))
# step: authors of entries rated 5, with the entries' blogs
list(Author.objects.filter(entry__rating=5, entry__blog__name="Travel"))

# case: get_count
# step: count
Entry.objects.count()
# step: count through a relation
Entry.objects.filter(blog__name="Tech").count()
# step: len() of the list reads every row
len(Entry.objects.all())
# step: exists
Entry.objects.filter(rating__gte=5).exists()

# case: get_invoice_count
# step: invoices per customer
list(Customer.objects.annotate(n=Count("invoices")))
# step: customers with invoices
list(Customer.objects.annotate(n=Count("invoices")).filter(n__gt=0))
# step: total per customer
list(Customer.objects.annotate(total=Sum("invoices__lines__amount")))
# step: count of all invoices
Invoice.objects.aggregate(n=Count("id"))
# step: per customer name
list(Customer.objects.values("name").annotate(n=Count("invoices")).order_by("name"))

# case: get_queryset
# step: a queryset is built: nothing is sent
qs = Entry.objects.filter(rating__gte=4)
# step: refined: still nothing
qs = qs.exclude(blog__name="Food").order_by("pub_date")
# step: evaluated
list(qs)
# step: an evaluated queryset answers exists() from its rows
qs.exists()
# step: a new queryset asks
Entry.objects.filter(rating__gte=4).exclude(blog__name="Food").order_by("pub_date").exists()

# case: get_n_plus_1
# step: the blog of each entry, loaded per entry
[e.blog.name for e in Entry.objects.all()]
# step: the authors of each entry, queried per entry
[[a.name for a in e.authors.all()] for e in Entry.objects.all()]

# case: n_plus_one_select_related
# step: the blogs joined
[e.blog.name for e in Entry.objects.select_related("blog")]

# case: n_plus_one_prefetch_related
# step: the blogs by one more query
[e.blog.name for e in Entry.objects.prefetch_related("blog")]
# step: the authors by one more query
[[a.name for a in e.authors.all()] for e in Entry.objects.prefetch_related("authors")]
