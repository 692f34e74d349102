//! The path without a Rust toolchain: .ci/package packs the binary as the release workflow
//! publishes it, at the place and under the name Cargo.toml's binstall metadata points to.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> toml::Table {
    let text = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    text.parse().expect("Cargo.toml is TOML")
}

/// A binstall template with `{ name }`-style variables filled in.
fn expand(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{ {name} }}"), value);
    }
    assert!(!out.contains('{'), "unknown variable left in {out}");
    out
}

fn host_target() -> String {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc names its host")
}

fn sh(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_packed_release_is_where_binstall_looks_and_its_binary_runs() {
    let manifest = manifest();
    let package = manifest["package"].as_table().unwrap();
    let version = package["version"].as_str().unwrap();
    let binstall = package["metadata"]["binstall"].as_table().unwrap();
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    let target = host_target();
    let vars = [
        ("name", "pgscenario"),
        ("version", version),
        ("target", target.as_str()),
        ("bin", "pgscenario"),
        ("binary-ext", ""),
        ("repo", "https://example.invalid/pgscenario"),
    ];
    let url = expand(binstall["pkg-url"].as_str().unwrap(), &vars);
    let archive = url.rsplit('/').next().unwrap().to_string();
    assert!(
        url.ends_with(&format!("/releases/download/v{version}/{archive}")),
        "{url}"
    );
    let bin_dir = expand(binstall["bin-dir"].as_str().unwrap(), &vars);

    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let binary = env!("CARGO_BIN_EXE_pgscenario");
    let packed = sh(
        &repo(),
        "bash",
        &[".ci/package", &target, binary, dist.to_str().unwrap()],
    );
    assert_eq!(packed.trim(), dist.join(&archive).display().to_string());
    // The checksum beside it verifies.
    sh(&dist, "sha256sum", &["-c", &format!("{archive}.sha256")]);
    let listing = sh(&dist, "tar", &["-tzf", &archive]);
    for entry in [
        bin_dir.as_str(),
        &format!("pgscenario-{target}/README.md"),
        &format!("pgscenario-{target}/LICENSE-MIT"),
        &format!("pgscenario-{target}/LICENSE-APACHE"),
        &format!("pgscenario-{target}/spec.schema.json"),
        &format!("pgscenario-{target}/man/pgscenario.1"),
        &format!("pgscenario-{target}/completions/pgscenario.bash"),
    ] {
        assert!(listing.lines().any(|l| l == entry), "{entry} in {listing}");
    }
    // What binstall would install runs, and is this version.
    sh(&dist, "tar", &["-xzf", &archive]);
    let said = sh(&dist, dist.join(&bin_dir).to_str().unwrap(), &["--version"]);
    assert_eq!(said.trim(), format!("pgscenario {version}"));
    // Stable archives: every entry owned by 0/0 and dated 2000-01-01, whoever packs it when.
    let verbose = sh(&dist, "tar", &["-tvzf", &archive]);
    for line in verbose.lines() {
        assert!(
            line.contains(" 0/0 ") && line.contains(" 2000-01-01 "),
            "{line}"
        );
    }
}

/// The workflow tests before it builds, packs every target with .ci/package, refuses a tag
/// that is not Cargo.toml's version, and publishes only after every build.
#[test]
fn the_release_workflow_tests_packs_every_target_and_publishes_last() {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    let jobs = &workflow["jobs"];
    let steps_text = |job: &str| serde_yaml::to_string(&jobs[job]["steps"]).unwrap();
    assert!(steps_text("test").contains("bash .ci/run"));
    assert_eq!(jobs["build"]["needs"].as_str(), Some("test"));
    assert_eq!(jobs["publish"]["needs"].as_str(), Some("build"));
    let build = steps_text("build");
    assert!(build.contains(
        ".ci/package ${{ matrix.target }} target/${{ matrix.target }}/release/pgscenario dist"
    ));
    assert!(build.contains("test \"v$version\" = \"$GITHUB_REF_NAME\""));
    let targets: Vec<&str> = jobs["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert!(targets.contains(&"x86_64-unknown-linux-gnu"), "{targets:?}");
    assert!(targets.len() >= 2, "{targets:?}");
    assert!(steps_text("publish").contains("gh release create \"$GITHUB_REF_NAME\" dist/*"));
}
