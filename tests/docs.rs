//! The documentation's examples are specs that really run.

mod support;

use support::{run, Tree};

/// The ```yaml blocks of a Markdown file, in order.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(_), "```") => blocks.push(current.take().unwrap_or_default()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_spec_format_example_uses_every_key_and_passes() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec-format.md"))
        .unwrap();
    let blocks = yaml_blocks(&doc);
    assert_eq!(blocks.len(), 2, "the spec and its fixture");
    let tree = Tree::new();
    tree.write("specs/refund.yaml", &blocks[0]);
    tree.write("specs/_fixtures/shop.yaml", &blocks[1]);
    for key in [
        "name:",
        "description:",
        "tags:",
        "fixtures:",
        "vars:",
        "isolation:",
        "timeout:",
        "now:",
        "redact:",
        "setup:",
        "steps:",
        "sql:",
        "check:",
        "params:",
        "show_rows:",
        "rows:",
        "row_count:",
        "queries:",
        "error:",
        "sqlstate",
        "message",
        "expect:",
    ] {
        assert!(blocks[0].contains(key), "the example lacks `{key}`");
    }
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/refund.sql");
    assert!(
        golden.contains("-- step 1: sql (mark the order refunded)\nBEGIN;\n"),
        "{golden}"
    );
    assert!(
        golden.contains("-- | 1 | [REFUND]\n"),
        "the spec's redaction applies: {golden}"
    );
    assert!(
        golden.contains("-- error: 23502: null value in column \"what\""),
        "{golden}"
    );
    assert!(
        !golden.contains("SELECT state"),
        "check steps stay out: {golden}"
    );
    assert_eq!(run(tree.cmd(&["run"])).last_line(), "1 passed, 0 failed");
    let other = run(tree.cmd(&["run", "--var", "order=2"]));
    assert_eq!(
        other.code,
        1,
        "a different order id changes the log: {}",
        other.all()
    );
}
