//! `pgscenario graph`: a model's state machine as DOT or Mermaid, without a database.

mod support;

use support::{run, Tree};

const BILLING: &str = r#"
description: an invoice's life
models:
  Customer: {}
  Invoice:
    defaults: {state: draft}
    fsm:
      field: state
      transitions:
        submit: {source: draft, target: submitted}
        pay: {source: submitted, target: paid}
        cancel: {source: [draft, submitted], target: cancelled}
        reopen: {source: '*', target: draft, on_error: failed}
steps:
  - sql: SELECT 1
"#;

const DOT: &str = r#"digraph {
	subgraph cluster_Invoice_state {
		graph [label="Invoice.state"]
		"invoice.state.cancelled" [label=cancelled shape=circle]
		"invoice.state.draft" [label=draft shape=circle]
		"invoice.state._initial" [label="" shape=point]
		"invoice.state._initial" -> "invoice.state.draft"
		"invoice.state.failed" [label=failed shape=circle]
		"invoice.state.paid" [label=paid shape=circle]
		"invoice.state.submitted" [label=submitted shape=circle]
		"invoice.state.cancelled" -> "invoice.state.draft" [label=reopen]
		"invoice.state.cancelled" -> "invoice.state.failed" [style=dotted]
		"invoice.state.draft" -> "invoice.state.cancelled" [label=cancel]
		"invoice.state.draft" -> "invoice.state.draft" [label=reopen]
		"invoice.state.draft" -> "invoice.state.failed" [style=dotted]
		"invoice.state.draft" -> "invoice.state.submitted" [label=submit]
		"invoice.state.failed" -> "invoice.state.draft" [label=reopen]
		"invoice.state.failed" -> "invoice.state.failed" [style=dotted]
		"invoice.state.paid" -> "invoice.state.draft" [label=reopen]
		"invoice.state.paid" -> "invoice.state.failed" [style=dotted]
		"invoice.state.submitted" -> "invoice.state.cancelled" [label=cancel]
		"invoice.state.submitted" -> "invoice.state.draft" [label=reopen]
		"invoice.state.submitted" -> "invoice.state.failed" [style=dotted]
		"invoice.state.submitted" -> "invoice.state.paid" [label=pay]
	}
}
"#;

const MERMAID: &str = "stateDiagram-v2
    [*] --> draft
    cancelled --> draft : reopen
    cancelled --> failed : reopen (on_error)
    draft --> cancelled : cancel
    draft --> draft : reopen
    draft --> failed : reopen (on_error)
    draft --> submitted : submit
    failed --> draft : reopen
    failed --> failed : reopen (on_error)
    paid --> draft : reopen
    paid --> failed : reopen (on_error)
    submitted --> cancelled : cancel
    submitted --> draft : reopen
    submitted --> failed : reopen (on_error)
    submitted --> paid : pay
";

fn billing() -> Tree {
    let tree = Tree::new();
    tree.write("specs/billing.yaml", BILLING);
    tree
}

#[test]
fn graph_prints_dot_by_default() {
    let tree = billing();
    let out = run(tree.cmd(&["graph", "specs/billing.yaml", "Invoice"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.stdout, DOT);
    assert_eq!(out.stderr, "");
    let explicit = run(tree.cmd(&["graph", "specs/billing.yaml", "Invoice", "--format", "dot"]));
    assert_eq!(explicit.stdout, DOT, "{}", explicit.all());
}

#[test]
fn graph_prints_mermaid() {
    let tree = billing();
    let out = run(tree.cmd(&[
        "graph",
        "specs/billing.yaml",
        "Invoice",
        "--format",
        "mermaid",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.stdout, MERMAID);
}

#[test]
fn graph_takes_models_from_fixtures() {
    let tree = Tree::new();
    let fixture = BILLING.replace("steps:\n  - sql: SELECT 1\n", "");
    tree.write("specs/_fixtures/billing.yaml", &fixture);
    tree.write(
        "specs/pay.yaml",
        "fixtures: [billing]\nsteps:\n  - sql: SELECT 1\n",
    );
    let out = run(tree.cmd(&["graph", "specs/pay.yaml", "Invoice"]));
    assert_eq!((out.code, out.stdout.as_str()), (0, DOT), "{}", out.all());
}

#[test]
fn an_unknown_model_is_an_error_with_a_suggestion() {
    let tree = billing();
    let out = run(tree.cmd(&["graph", "specs/billing.yaml", "Invoce"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: specs/billing.yaml: unknown model `Invoce`, did you mean `Invoice`?\n"
    );
    let far = run(tree.cmd(&["graph", "specs/billing.yaml", "Shipment"]));
    assert_eq!(far.code, 2, "{}", far.all());
    assert_eq!(
        far.stderr,
        "error: specs/billing.yaml: unknown model `Shipment` (models: Customer, Invoice)\n"
    );
}

#[test]
fn a_model_without_fsm_or_a_missing_spec_is_an_error() {
    let tree = billing();
    let out = run(tree.cmd(&["graph", "specs/billing.yaml", "Customer"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(
        out.stderr,
        "error: specs/billing.yaml: model `Customer` has no `fsm:` section (models with one: Invoice)\n"
    );
    let missing = run(tree.cmd(&["graph", "specs/nope.yaml", "Invoice"]));
    assert_eq!(missing.code, 2, "{}", missing.all());
    assert_eq!(
        missing.stderr,
        "error: no such spec file: specs/nope.yaml\n"
    );
    let bad_format = run(tree.cmd(&["graph", "specs/billing.yaml", "Invoice", "--format", "png"]));
    assert_eq!(bad_format.code, 2, "{}", bad_format.all());
}
