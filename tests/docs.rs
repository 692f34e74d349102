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

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The body of the first block fenced with `fence` (```` ```yaml ````, ```` ``` ````) after
/// `marker` in `markdown`.
fn block_after(markdown: &str, marker: &str, fence: &str) -> String {
    let at = markdown
        .find(marker)
        .unwrap_or_else(|| panic!("README.md has no `{marker}`"));
    let rest = &markdown[at..];
    let open = rest
        .find(&format!("\n{fence}\n"))
        .unwrap_or_else(|| panic!("no {fence} block after `{marker}`"));
    let body = &rest[open + fence.len() + 2..];
    let close = body.find("\n```\n").expect("a closed block");
    format!("{}\n", &body[..close])
}

/// Run times, which vary, as one placeholder.
fn without_times(text: &str) -> String {
    let times = regex::Regex::new(r"\[ *[0-9.]+s\]").unwrap();
    times.replace_all(text, "[TIME]").into_owned()
}

/// Every line of `sample` is a line of `output`, in order; a `...` line stands for any
/// lines.
fn shows(sample: &str, output: &str) -> Result<(), String> {
    let output = without_times(output);
    let mut lines = output.lines();
    for wanted in without_times(sample).lines().filter(|l| *l != "...") {
        if !lines.any(|line| line == wanted) {
            return Err(format!(
                "`{wanted}` is not in the output (in order):\n{output}"
            ));
        }
    }
    Ok(())
}

/// README.md's "Writing a spec" walkthrough, followed literally with the built binary: the
/// skeleton, the spec as shown, `show`, `bless` writing the golden shown, `run` passing; then
/// the failing run at the top of the page and the error sample of the CLI reference.
#[test]
fn the_readme_walkthrough_works_as_written() {
    let readme = readme();
    let tree = Tree::new();
    let new = run(tree.cmd(&["new", "orders/refund"]));
    assert_eq!(new.code, 0, "{}", new.all());
    assert!(tree.exists("specs/orders/refund.yaml"));
    let spec = block_after(&readme, "Edit it:", "```yaml");
    tree.write("specs/orders/refund.yaml", &spec);
    let golden = block_after(
        &readme,
        "The golden file is plain SQL with comments:",
        "```sql",
    );
    let shown = run(tree.cmd(&["show", "specs/orders/refund.yaml"]));
    assert_eq!(shown.code, 0, "{}", shown.all());
    assert_eq!(shown.stdout, golden);
    let blessed = run(tree.cmd(&["bless", "specs/orders/refund.yaml"]));
    assert_eq!(blessed.code, 0, "{}", blessed.all());
    assert_eq!(tree.read("golden/orders/refund.sql"), golden);
    assert_eq!(run(tree.cmd(&["run"])).last_line(), "1 passed, 0 failed");

    // The run at the top of the page: the BEGIN step deleted.
    assert!(spec.contains("  - sql: BEGIN\n"));
    tree.write(
        "specs/orders/refund.yaml",
        &spec.replace("  - sql: BEGIN\n", ""),
    );
    let failing = run(tree.cmd(&["run", "--color", "never"]));
    assert_eq!(failing.code, 1, "{}", failing.all());
    let sample = block_after(&readme, "# pgscenario", "```");
    let sample = sample
        .strip_prefix("$ pgscenario run\n")
        .expect("the sample starts with its command");
    shows(sample, &failing.stdout).unwrap();
    assert!(!tree.read("golden/orders/refund.sql").is_empty());

    // The CLI reference's error sample: `steps` misspelt.
    tree.write(
        "specs/orders/refund.yaml",
        &spec.replace("\nsteps:\n", "\nstpes:\n"),
    );
    let refused = run(tree.cmd(&["validate", "specs/orders/refund.yaml"]));
    assert_eq!(refused.code, 2, "{}", refused.all());
    let sample = block_after(&readme, "followed by the\noffending line", "```");
    assert_eq!(refused.stderr, sample);
}

/// The README's set-up is two commands, and CI runs exactly the second: the test command.
#[test]
fn ci_runs_the_readme_test_command() {
    let readme = readme();
    let setup = block_after(&readme, "## Set-up on a fresh machine", "```sh");
    let commands: Vec<&str> = setup
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands.len(), 2, "{setup}");
    assert!(commands[0].starts_with("cargo run"), "{setup}");
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    let last = ci.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(last, format!("{} 2>&1", commands[1]));
    // The test command builds with the run command's profile, so it reuses its build.
    assert!(!commands[0].contains("--release") && !commands[1].contains("--release"));
}
