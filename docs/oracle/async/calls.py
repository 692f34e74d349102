# The calls of specs/orm/async_sessions.yaml: session `api` is async code. Each step runs
# its coroutine with asyncio.run; sync_to_async runs Django's sync code in its one worker
# thread, whose connection is the session's.
import asyncio
from asgiref.sync import sync_to_async

def run(coro):
    return asyncio.run(coro)

async def collect(aiterable):
    return [x async for x in aiterable]

async def atomic_in_async_code():
    with transaction.atomic():
        return await Author.objects.acount()

async def lazy_blog_names():
    return [e.blog.name async for e in Entry.objects.filter(pk__in=[1, 2])]

def transfer():
    with transaction.atomic():
        kim = Author.objects.create(name="Kim", email="kim@example.com")
        Author.objects.filter(pk=kim.pk).update(name="Kim L.")

# case: async_sessions
# step: acreate
run(Author.objects.acreate(name="Eve", email="eve@example.com"))
# step: aget
run(Author.objects.aget(email="eve@example.com"))
# step: acount
run(Author.objects.acount())
# step: aupdate_or_create
run(Author.objects.aupdate_or_create(email="eve@example.com", defaults={"name": "Eve B."}))
# step: abulk_create
run(Author.objects.abulk_create([Author(name="X", email="x@example.com"), Author(name="Y", email="y@example.com")]))
# step: aupdate
run(Author.objects.filter(email="x@example.com").aupdate(name="Xavier"))
# step: adelete
run(Author.objects.filter(email="y@example.com").adelete())
# step: async for
run(collect(Author.objects.filter(pk__lte=2).order_by("pk")))
# step: aiterator
run(collect(Author.objects.order_by("pk").aiterator(chunk_size=2)))
# step: an atomic block in async code
run(atomic_in_async_code())
# step: a lazy load in async for
run(lazy_blog_names())
# step: sync_to_async around the atomic block
run(sync_to_async(transfer)())
