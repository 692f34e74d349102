//! Unit tests of the DOT and Mermaid renderings (the CLI output is checked by tests/graph.rs).
use super::*;

fn model(yaml: &str) -> ModelSpec {
    serde_yaml::from_str(yaml).expect("a model spec")
}

/// django-fsm-2 4.2.4 prints these nodes and edges (in set order) for the same machine,
/// with the app label `billing` in front of every name, and draws the `on_error` edge of
/// `archive` from a stray node `billing.blog_entry.status.+`.
#[test]
fn any_other_state_skips_its_target_which_stays_final() {
    let entry = model(
        "
defaults: {status: new}
fsm:
  field: status
  transitions:
    publish: {source: new, target: published}
    archive: {source: '+', target: archived, on_error: broken}
    touch: {source: published, target: published, on_error: broken}
",
    );
    let fsm = entry.fsm.as_ref().unwrap();
    assert_eq!(
        to_dot("BlogEntry", fsm, Some("new")),
        r#"digraph {
	subgraph cluster_BlogEntry_status {
		graph [label="BlogEntry.status"]
		"blog_entry.status.archived" [label=archived shape=doublecircle]
		"blog_entry.status.broken" [label=broken shape=circle]
		"blog_entry.status.new" [label=new shape=circle]
		"blog_entry.status._initial" [label="" shape=point]
		"blog_entry.status._initial" -> "blog_entry.status.new"
		"blog_entry.status.published" [label=published shape=circle]
		"blog_entry.status.broken" -> "blog_entry.status.archived" [label=archive]
		"blog_entry.status.broken" -> "blog_entry.status.broken" [style=dotted]
		"blog_entry.status.new" -> "blog_entry.status.archived" [label=archive]
		"blog_entry.status.new" -> "blog_entry.status.broken" [style=dotted]
		"blog_entry.status.new" -> "blog_entry.status.published" [label=publish]
		"blog_entry.status.published" -> "blog_entry.status.archived" [label=archive]
		"blog_entry.status.published" -> "blog_entry.status.broken" [style=dotted]
		"blog_entry.status.published" -> "blog_entry.status.published" [label=touch]
	}
}
"#
    );
}

#[test]
fn a_final_or_unknown_initial_state_gets_no_point_in_dot_but_an_arrow_in_mermaid() {
    let order = model(
        "
fsm:
  field: state
  transitions:
    ship: {source: new, target: shipped}
",
    );
    let fsm = order.fsm.as_ref().unwrap();
    assert_eq!(initial_state(&order, fsm), None);
    let plain = to_dot("Order", fsm, None);
    assert_eq!(
        plain,
        r#"digraph {
	subgraph cluster_Order_state {
		graph [label="Order.state"]
		"order.state.shipped" [label=shipped shape=doublecircle]
		"order.state.new" [label=new shape=circle]
		"order.state.new" -> "order.state.shipped" [label=ship]
	}
}
"#
    );
    assert_eq!(to_dot("Order", fsm, Some("shipped")), plain);
    assert_eq!(to_dot("Order", fsm, Some("lost")), plain);
    assert_eq!(
        to_mermaid(fsm, Some("lost")),
        "stateDiagram-v2\n    [*] --> lost\n    new --> shipped : ship\n"
    );
    assert_eq!(
        to_mermaid(fsm, None),
        "stateDiagram-v2\n    new --> shipped : ship\n"
    );
}

#[test]
fn the_same_edge_from_two_transitions_is_drawn_once_in_dot() {
    let ticket = model(
        "
fsm:
  field: state
  transitions:
    close: {source: open, target: closed, on_error: stuck}
    resolve: {source: open, target: closed, on_error: stuck}
",
    );
    let fsm = ticket.fsm.as_ref().unwrap();
    let dot = to_dot("Ticket", fsm, None);
    assert_eq!(dot.matches("[style=dotted]").count(), 1, "{dot}");
    assert_eq!(dot.matches("[label=close]").count(), 1, "{dot}");
    assert_eq!(dot.matches("[label=resolve]").count(), 1, "{dot}");
    assert!(
        to_mermaid(fsm, None).ends_with(
            "    open --> stuck : close (on_error)\n    open --> stuck : resolve (on_error)\n"
        ),
        "{}",
        to_mermaid(fsm, None)
    );
}

#[test]
fn odd_state_names_are_quoted_in_dot_and_aliased_in_mermaid() {
    let review = model(
        r#"
defaults: {state: "in review"}
fsm:
  field: state
  transitions:
    approve: {source: "in review", target: "ok \"done\""}
    node: {source: "ok \"done\"", target: state_in_review}
"#,
    );
    let fsm = review.fsm.as_ref().unwrap();
    let initial = initial_state(&review, fsm);
    let dot = to_dot("Review", fsm, initial.as_deref());
    assert!(
        dot.contains(r#""review.state.in review" [label="in review" shape=circle]"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#""review.state.ok \"done\"" [label="ok \"done\"" shape=circle]"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#" [label="node"]"#),
        "a DOT keyword is quoted: {dot}"
    );
    assert_eq!(
        to_mermaid(fsm, initial.as_deref()),
        "stateDiagram-v2
    state \"in review\" as state_in_review_2
    state \"ok #quot;done#quot;\" as state_ok__done_
    [*] --> state_in_review_2
    state_in_review_2 --> state_ok__done_ : approve
    state_ok__done_ --> state_in_review : node
"
    );
}

#[test]
fn initial_state_reads_the_fsm_fields_default() {
    let with = |defaults: &str| {
        let spec = model(&format!(
            "defaults: {defaults}\nfsm: {{field: state, transitions: {{}}}}"
        ));
        initial_state(&spec, spec.fsm.as_ref().unwrap())
    };
    assert_eq!(with("{state: new}").as_deref(), Some("new"));
    assert_eq!(with("{state: 3}").as_deref(), Some("3"));
    assert_eq!(with("{state: ''}"), None);
    assert_eq!(with("{state: null}"), None);
    assert_eq!(with("{other: new}"), None);
}

#[test]
fn node_names_use_djangos_verbose_name() {
    assert_eq!(verbose_name("Invoice"), "invoice");
    assert_eq!(verbose_name("BlogEntry"), "blog_entry");
    assert_eq!(verbose_name("HTTPRequest"), "http_request");
    assert_eq!(verbose_name("Invoice2Line"), "invoice2_line");
    assert_eq!(verbose_name("invoice"), "invoice");
}

#[test]
fn dot_ids_are_bare_only_when_dot_allows_it() {
    for bare in ["draft", "_x1", "Paid", "5", "-5", "5.", ".5", "-1.25"] {
        assert_eq!(quote(bare), bare);
    }
    for (id, quoted) in [
        ("a.b", r#""a.b""#),
        ("", r#""""#),
        ("1a", r#""1a""#),
        (".", r#"".""#),
        ("Graph", r#""Graph""#),
        ("say \"hi\"", r#""say \"hi\"""#),
        ("a\\b", r#""a\\b""#),
        ("é", r#""é""#),
    ] {
        assert_eq!(quote(id), quoted);
    }
}
