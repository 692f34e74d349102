-- step 1: query (list(Customer.objects.annotate(n=Count("invoices"))))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- | UTC
SELECT "app_customer"."id", "app_customer"."name", COUNT("app_invoice"."id") AS "n" FROM "app_customer" LEFT OUTER JOIN "app_invoice" ON ("app_customer"."id" = "app_invoice"."customer_id") GROUP BY "app_customer"."id";
-- rows: 3
-- | 2 | Globex | 1
-- | 1 | Acme | 2
-- | 3 | Initech | 0
-- step 2: query (list(Customer.objects.annotate(n=Count("invoices")).filter(n__gt=0)))
SELECT "app_customer"."id", "app_customer"."name", COUNT("app_invoice"."id") AS "n" FROM "app_customer" LEFT OUTER JOIN "app_invoice" ON ("app_customer"."id" = "app_invoice"."customer_id") GROUP BY "app_customer"."id" HAVING COUNT("app_invoice"."id") > $1;
-- params: [0]
-- rows: 2
-- step 3: query (list(Customer.objects.annotate(total=Sum("invoices__lines__amount"))))
SELECT "app_customer"."id", "app_customer"."name", SUM("app_invoiceline"."amount") AS "total" FROM "app_customer" LEFT OUTER JOIN "app_invoice" ON ("app_customer"."id" = "app_invoice"."customer_id") LEFT OUTER JOIN "app_invoiceline" ON ("app_invoice"."id" = "app_invoiceline"."invoice_id") GROUP BY "app_customer"."id";
-- rows: 3
-- | 2 | Globex | 300.00
-- | 1 | Acme | 165.50
-- | 3 | Initech | NULL
-- step 4: query (Invoice.objects.aggregate(n=Count("id")))
SELECT COUNT("app_invoice"."id") AS "n" FROM "app_invoice";
-- rows: 1
-- step 5: query (list(Customer.objects.values("name").annotate(n=Count("invoices")).order_by("name")))
SELECT "app_customer"."name" AS "name", COUNT("app_invoice"."id") AS "n" FROM "app_customer" LEFT OUTER JOIN "app_invoice" ON ("app_customer"."id" = "app_invoice"."customer_id") GROUP BY 1 ORDER BY 1 ASC;
-- rows: 3
