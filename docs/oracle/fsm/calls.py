# The calls of specs/orm/fsm_two_sessions.yaml: session `web` is the `default` connection,
# session `worker` the `other` one.

# case: fsm_two_sessions
# step: the spec's setup (skipped: setup is not compared)
connection.cursor().execute("INSERT INTO app_invoice (state, amount) VALUES ('draft', 10); INSERT INTO app_concurrentinvoice (state, amount) VALUES ('draft', 10)")
connection.close()  # the spec's setup is not Django's: its first step connects
# step: web loads the invoice
a = Invoice.objects.get(pk=1)
# step: worker loads it too
b = Invoice.objects.using("other").get(pk=1)
# step: web submits
a.submit(); a.save()
# step: worker cancels the draft it loaded, over web's submit
b.cancel(); b.save()
# step: with the mixin: web loads
c = ConcurrentInvoice.objects.get(pk=1)
# step: worker loads
d = ConcurrentInvoice.objects.using("other").get(pk=1)
# step: web submits
c.submit(); c.save()
# step: worker's cancel finds the state changed
d.cancel(); d.save()
