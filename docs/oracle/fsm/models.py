# The invoices of specs/_fixtures/invoices.yaml: the same state machine on a plain model and
# on one with ConcurrentTransitionMixin.
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class Machine:
    @transition(field="state", source="draft", target="submitted")
    def submit(self):
        pass

    @transition(field="state", source=["draft", "submitted"], target="cancelled")
    def cancel(self):
        pass


class ConcurrentInvoice(ConcurrentTransitionMixin, Machine, models.Model):
    state = FSMField(default="draft")
    amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)


class Invoice(Machine, models.Model):
    state = FSMField(default="draft")
    amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
