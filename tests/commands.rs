//! The other subcommands and options: formats, filters, vars, show, new, list, validate.

mod support;

use support::{run, Tree, SIMPLE};

fn catalogue() -> Tree {
    let tree = Tree::new();
    tree.write(
        "specs/orders/create.yaml",
        &format!("tags: [orders, smoke]\n{SIMPLE}"),
    );
    tree.write(
        "specs/orders/refund.yaml",
        &format!("tags: [orders]\n{SIMPLE}"),
    );
    tree.write(
        "specs/users/signup.yaml",
        &format!("name: user signs up\ntags: [users]\n{SIMPLE}"),
    );
    tree
}

#[test]
fn list_shows_ids_and_tags_and_filters_by_name_and_tag() {
    let tree = catalogue();
    let all = run(tree.cmd(&["list", "--tags"]));
    assert_eq!(all.code, 0, "{}", all.all());
    assert_eq!(
        all.stdout,
        "orders/create [orders, smoke]\norders/refund [orders]\nusers/signup [users]\n"
    );
    let by_tag = run(tree.cmd(&["list", "--tag", "smoke", "--tag", "users"]));
    assert_eq!(by_tag.stdout, "orders/create\nusers/signup\n");
    let by_name = run(tree.cmd(&["list", "-k", "signs up"]));
    assert_eq!(by_name.stdout, "users/signup\n");
    let by_path = run(tree.cmd(&["list", "specs/orders"]));
    assert_eq!(by_path.stdout, "orders/create\norders/refund\n");
    let by_glob = run(tree.cmd(&["list", "specs/*/re*.yaml"]));
    assert_eq!(by_glob.stdout, "orders/refund\n");
}

#[test]
fn filtered_out_specs_count_as_skipped() {
    let tree = catalogue();
    let out = run(tree.cmd(&["bless", "--tag", "orders"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.last_line(), "2 passed, 0 failed, 1 skipped");
    assert!(!tree.exists("golden/users/signup.sql"));
    let none = run(tree.cmd(&["run", "-k", "no such spec"]));
    assert_eq!(none.code, 2, "{}", none.all());
    assert!(
        none.stderr.contains("error: no specs to run"),
        "{}",
        none.all()
    );
}

#[test]
fn json_output_is_one_object_per_spec_then_a_summary() {
    let tree = catalogue();
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    tree.write("golden/orders/refund.sql", "-- changed\n");
    let out = run(tree.cmd(&["run", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.all());
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    let ids: Vec<&str> = lines[..3]
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["orders/create", "orders/refund", "users/signup"],
        "sorted by id"
    );
    assert_eq!(lines[0]["status"], "passed");
    assert_eq!(lines[0]["statements"], 2);
    assert_eq!(lines[1]["status"], "failed");
    assert_eq!(lines[1]["golden"]["status"], "differs");
    assert!(lines[1]["golden"]["diff"]
        .as_str()
        .unwrap()
        .contains("-- changed"));
    assert_eq!(lines[3]["type"], "summary");
    assert_eq!(
        (lines[3]["passed"].as_u64(), lines[3]["failed"].as_u64()),
        (Some(2), Some(1))
    );
}

/// The JUnit report validates against the Jenkins xunit plugin's JUnit schema (with
/// xmllint), names each spec's file, and goes to a file while the human report stays on
/// standard output.
fn valid_junit(path: &std::path::Path) {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/junit-10.xsd");
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(path)
        .output()
        .expect("xmllint (Debian's libxml2-utils; .ci/run installs it)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn junit_goes_to_a_file_validates_against_the_jenkins_schema_and_names_files() {
    let tree = catalogue();
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    tree.write("golden/users/signup.sql", "-- changed\n");
    tree.write("specs/broken.yaml", "stpes: []\n");
    let out = run(tree.cmd(&[
        "run",
        "--format",
        "junit",
        "--output",
        "report.xml",
        "--report",
        "json=report.json",
    ]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stdout.ends_with("2 passed, 1 failed, 1 load error\n"),
        "the human summary still shows: {}",
        out.all()
    );
    // The human counts are the JSON summary's, by the same names.
    let summary = support::json_summary(&tree.read("report.json"));
    let counts: Vec<u64> = ["passed", "failed", "errors", "load_errors"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .collect();
    assert_eq!(counts, vec![2, 1, 0, 1], "{summary}");
    let xml = tree.read("report.xml");
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(!xml.contains("disabled="), "{xml}");
    assert!(
        xml.contains(r#"<testsuite name="users/signup" tests="1" errors="0" failures="1""#),
        "{xml}"
    );
    assert!(xml.contains(r#"file="specs/users/signup.yaml""#), "{xml}");
    assert!(
        xml.contains(r#"<testcase name="users/signup" classname="users""#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testsuite name="specs/broken.yaml""#),
        "{xml}"
    );
    valid_junit(&tree.path("report.xml"));
}

#[test]
fn several_reports_at_once_github_annotations_and_tap() {
    let tree = catalogue();
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    tree.write("golden/users/signup.sql", "-- changed\n");
    let out = run(tree.cmd(&[
        "run",
        "--format",
        "github",
        "--report",
        "junit=out/junit.xml",
        "--report",
        "tap=out/report.tap",
        "--report",
        "json=out/report.json",
    ]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("::error file=golden/users/signup.sql,title=pgscenario users/signup::the SQL log differs from the golden file"),
        "{}",
        out.all()
    );
    assert!(out.stdout.ends_with("::notice title=pgscenario::2 passed, 1 failed, 0 could not run, 0 could not be loaded\n"), "{}", out.all());
    valid_junit(&tree.path("out/junit.xml"));
    let tap = tree.read("out/report.tap");
    assert!(tap.starts_with("TAP version 13\n"), "{tap}");
    // Test points come as specs finish (the order varies with the jobs).
    assert!(
        tap.lines()
            .any(|l| l.starts_with("not ok ") && l.ends_with(" - users/signup")),
        "{tap}"
    );
    assert!(
        tap.contains(" - users/signup\n  ---\n  message: |\n"),
        "{tap}"
    );
    assert_eq!(
        tap.lines().filter(|l| l.starts_with("ok ")).count(),
        2,
        "{tap}"
    );
    assert!(tap.ends_with("1..3\n"), "{tap}");
    let json = tree.read("out/report.json");
    assert!(
        json.lines().last().unwrap().contains(r#""type":"summary""#),
        "{json}"
    );
}

#[test]
fn without_a_server_the_reports_still_say_why() {
    let tree = catalogue();
    let mut cmd = tree.cmd(&["run", "--report", "junit=junit.xml", "--format", "json"]);
    cmd.env(
        "DATABASE_URL",
        "postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
    );
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    let summary: serde_json::Value =
        serde_json::from_str(out.stdout.lines().last().expect("a summary")).unwrap();
    assert!(
        summary["environment"]
            .as_str()
            .is_some_and(|e| e.contains("cannot connect")),
        "{}",
        out.all()
    );
    let xml = tree.read("junit.xml");
    assert!(xml.contains(r#"<testcase name="environment""#), "{xml}");
    valid_junit(&tree.path("junit.xml"));
}

#[test]
fn vars_from_the_command_line_override_the_spec() {
    let tree = Tree::new();
    tree.write(
        "specs/loop.yaml",
        "vars: {n: 2}\nsetup: CREATE TABLE t (i int)\nsteps:\n  - sql: |\n      {% for i in range(n) %}INSERT INTO t VALUES ({{ i }});\n      {% endfor %}\nexpect: {queries: {{ n }}}\n",
    );
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    assert_eq!(tree.read("golden/loop.sql").matches("INSERT").count(), 2);
    let more = run(tree.cmd(&["run", "--var", "n=4"]));
    assert_eq!(
        more.code,
        1,
        "4 inserts differ from the golden of 2: {}",
        more.all()
    );
    assert!(
        more.stdout.contains("+INSERT INTO t VALUES (3);"),
        "{}",
        more.all()
    );
}

#[test]
fn show_prints_the_log_without_comparing() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    let out = run(tree.cmd(&["show", "specs/a.yaml"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        out.stdout,
        "-- step 1: sql\nINSERT INTO t (v) VALUES ($1) RETURNING id;\n-- params: ['a']\n-- rows: 1\n\
         -- step 2: sql\nINSERT INTO t (v) VALUES ('b');\n-- rows: 1\n"
    );
    assert!(!tree.exists("golden"), "show writes nothing");
    tree.write(
        "specs/b.yaml",
        "steps:\n  - sql: SELECT 1\n    expect: {rows: [[2]]}\n",
    );
    let failing = run(tree.cmd(&["show", "specs/b.yaml"]));
    assert_eq!(failing.code, 1);
    assert_eq!(failing.stdout, "-- step 1: sql\nSELECT 1;\n-- rows: 1\n");
    assert!(failing.stderr.contains("rows differ"), "{}", failing.all());
}

#[test]
fn new_writes_a_skeleton_that_validates_and_runs() {
    let tree = Tree::new();
    let out = run(tree.cmd(&["new", "orders/refund"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.stdout, "created specs/orders/refund.yaml\n");
    let valid = run(tree.cmd(&["validate"]));
    assert_eq!(
        (valid.code, valid.stdout.as_str()),
        (0, "1 spec valid\n"),
        "{}",
        valid.all()
    );
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    assert_eq!(run(tree.cmd(&["run"])).last_line(), "1 passed, 0 failed");
    let again = run(tree.cmd(&["new", "orders/refund"]));
    assert_eq!(again.code, 2, "never overwrites");
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn a_project_file_sets_directories_jobs_and_redactions() {
    let tree = Tree::new();
    tree.write(
        "pgscenario.toml",
        "specs = \"cases\"\ngolden = \"snapshots\"\njobs = 1\n[[redact]]\npattern = 'secret-\\w+'\nreplace = '[SECRET]'\n",
    );
    tree.write(
        "cases/a.yaml",
        "steps:\n  - sql: SELECT $1::text\n    params: [secret-abc]\n",
    );
    tree.write("cases/b.yaml", "steps:\n  - sql: SELECT 1\n");
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("2 specs (1 job)"), "{}", out.all());
    assert_eq!(
        tree.read("snapshots/a.sql"),
        "-- step 1: sql\nSELECT $1::text;\n-- params: ['[SECRET]']\n-- rows: 1\n"
    );
    tree.write("pgscenario.toml", "specs = \"cases\"\njbos = 1\n");
    let bad = run(tree.cmd(&["run"]));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .starts_with("error: pgscenario.toml:2:1: unknown key `jbos`, did you mean `jobs`?")
            || bad
                .stderr
                .contains("pgscenario.toml:2:1: unknown key `jbos`, did you mean `jobs`?"),
        "{}",
        bad.all()
    );
}

#[test]
fn fail_fast_starts_no_more_specs_after_a_failure() {
    let tree = Tree::new();
    for name in ["a", "b", "c"] {
        tree.write(
            &format!("specs/{name}.yaml"),
            "steps:\n  - sql: SELECT 1\n    expect: {rows: [[2]]}\n",
        );
    }
    let out = run(tree.cmd(&["run", "--jobs", "1", "--fail-fast"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(
        out.last_line(),
        "0 passed, 1 failed, 2 skipped",
        "{}",
        out.all()
    );
    let all = run(tree.cmd(&["run", "--jobs", "1"]));
    assert_eq!(all.last_line(), "0 passed, 3 failed", "{}", all.all());
}

/// Partitions of a suite, run apart (as on several CI machines), run every spec exactly
/// once between them, whichever way they deal; their reports merge into one.
#[test]
fn partitions_run_every_spec_once_and_their_reports_merge() {
    let tree = Tree::new();
    for i in 0..7 {
        tree.write(
            &format!("specs/s{i}.yaml"),
            &format!("steps:\n  - sql: SELECT {i}\n"),
        );
    }
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    for kind in ["count", "hash"] {
        let mut ran = Vec::new();
        let mut junit = Vec::new();
        let mut json = Vec::new();
        for k in 1..=3 {
            let part = format!("{kind}:{k}/3");
            let (xml, lines) = (format!("{kind}{k}.xml"), format!("{kind}{k}.json"));
            let out = run(tree.cmd(&[
                "run",
                "--partition",
                &part,
                "--report",
                &format!("junit={xml}"),
                "--report",
                &format!("json={lines}"),
            ]));
            assert_eq!(out.code, 0, "{part}: {}", out.all());
            let listed = run(tree.cmd(&["list", "--partition", &part]));
            ran.extend(listed.stdout.lines().map(str::to_string));
            junit.push(xml);
            json.push(lines);
        }
        ran.sort();
        let all: Vec<String> = (0..7).map(|i| format!("s{i}")).collect();
        assert_eq!(ran, all, "{kind}: every spec once");
        let mut merge = vec!["report", "merge", "--output", "merged.xml"];
        merge.extend(junit.iter().map(String::as_str));
        assert_eq!(run(tree.cmd(&merge)).code, 0);
        let xml = tree.read("merged.xml");
        assert!(
            xml.contains(r#"<testsuites name="pgscenario" tests="7" failures="0" errors="0""#),
            "{xml}"
        );
        valid_junit(&tree.path("merged.xml"));
        let mut merge = vec!["report", "merge"];
        merge.extend(json.iter().map(String::as_str));
        let merged = run(tree.cmd(&merge));
        assert_eq!(merged.code, 0, "{}", merged.all());
        let summary: serde_json::Value =
            serde_json::from_str(merged.stdout.lines().last().unwrap()).unwrap();
        assert_eq!(summary["passed"], 7, "{}", merged.stdout);
        assert_eq!(
            merged
                .stdout
                .lines()
                .filter(|l| l.contains(r#""type":"spec""#))
                .count(),
            7
        );
    }
    let bad = run(tree.cmd(&["run", "--partition", "count:4/3"]));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("`count:4/3` is not a partition: count:K/N or hash:K/N"),
        "{}",
        bad.all()
    );
}

/// Completions and the man page come from the command-line definition, so they know every
/// subcommand and option there is.
#[test]
fn completions_and_the_man_page_cover_every_subcommand() {
    let tree = Tree::new();
    let man = run(tree.cmd(&["man"]));
    assert_eq!(man.code, 0, "{}", man.all());
    assert!(man.stdout.contains(".TH pgscenario 1"), "{}", man.stdout);
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(tree.cmd(&["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.all());
        for word in [
            "run",
            "bless",
            "review",
            "accept",
            "reject",
            "partition",
            "report",
        ] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let unknown = run(tree.cmd(&["completions", "tcsh"]));
    assert_eq!(unknown.code, 2);
    for subcommand in [
        "run", "bless", "review", "accept", "reject", "list", "validate", "show",
    ] {
        assert!(
            man.stdout.contains(&format!("pgscenario\\-{subcommand}")),
            "man lacks {subcommand}: {}",
            man.stdout
        );
    }
}

/// Debian's Chromium (or another Chromium-based browser on the PATH).
fn chromium() -> &'static str {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("a headless Chromium (Debian's `chromium` package; .ci/run installs it)")
}

/// The HTML report, loaded in a real headless browser: its script ran (the counts are filled
/// in from the rows), it lists every spec with its status and a timeline of its statements;
/// a screenshot is kept under target/tmp as an artifact.
#[test]
fn the_html_report_renders_in_headless_chromium() {
    let tree = catalogue();
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    tree.write("golden/users/signup.sql", "-- changed\n");
    let out = run(tree.cmd(&["run", "--report", "html=out/html"]));
    assert_eq!(out.code, 1, "{}", out.all());
    let page = tree.path("out/html/index.html");
    let profile = tempfile::tempdir().unwrap();
    let browser = |extra: &[&str]| {
        let output = std::process::Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .env("HOME", profile.path())
            .output()
            .expect("chromium runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let dom = browser(&["--dump-dom"]);
    assert!(
        dom.contains(r#"data-rendered="yes""#),
        "the page's script ran: {dom}"
    );
    for counted in [
        r#"<span id="passed-count">2</span>"#,
        r#"<span id="failed-count">1</span>"#,
        r#"<span id="error-count">0</span>"#,
    ] {
        assert!(dom.contains(counted), "{counted}: {dom}");
    }
    for spec in ["orders/create", "orders/refund", "users/signup"] {
        assert!(
            dom.contains(&format!(r#"data-spec="{spec}""#)),
            "{spec}: {dom}"
        );
    }
    assert!(
        dom.contains(r#"<div class="lane" data-session="main">"#),
        "{dom}"
    );
    assert!(dom.contains("title=\"step 1, at 0.000 ms"), "{dom}");
    assert!(
        dom.contains("the SQL log differs from the golden file"),
        "{dom}"
    );
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report.png");
    let _ = std::fs::remove_file(&shot);
    browser(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1200,900",
    ]);
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 5_000,
        "a screenshot of the page at {}",
        shot.display()
    );
}
