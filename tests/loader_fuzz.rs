//! A property test of the spec loader, run by `cargo test`: thousands of mutations of the
//! catalogue's specs (bytes flipped to YAML's special characters, ranges deleted or repeated,
//! deep nesting, huge numbers, templates, truncations) must each load or be refused with a
//! located error, and never panic. The generator is seeded, so a failure reproduces.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use pgscenario::spec::{load_spec, LoadContext};

/// Mutations tried per run (each one a whole load: template, parse, check);
/// `PGSCENARIO_FUZZ_INPUTS` asks for more (a long run before a release).
fn inputs() -> usize {
    std::env::var("PGSCENARIO_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000)
}

/// xorshift64*: small, seeded, good enough to spread mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SPECIAL: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "-",
    "#",
    "&a",
    "*a",
    "!!str",
    "|",
    ">",
    "'",
    "\"",
    "%",
    "@",
    "`",
    "\n",
    "\t",
    " ",
    "?",
    "~",
    "null",
    "1e308",
    "-1",
    "99999999999999999999999",
    "0x",
    "\u{feff}",
    "é",
    "\u{0}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{{ x }}",
    "<<: *a",
    "- ",
    ": ",
    "\n  - ",
    "\n    ",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 | 1 => {
                let token = SPECIAL[rng.below(SPECIAL.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(80)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            4 => {
                let depth = rng.below(400);
                let nest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                bytes.splice(at..at, nest.into_bytes());
            }
            5 => bytes.truncate(at),
            _ => {
                if at < bytes.len() {
                    bytes[at] = (rng.next() % 256) as u8;
                }
            }
        }
    }
    // The loader refuses invalid UTF-8 itself; keep both kinds of input.
    String::from_utf8(bytes.clone())
        .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).into_owned())
}

/// The catalogue's spec and fixture files, in order.
fn catalogue() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect()
}

#[test]
fn mutated_specs_load_or_are_refused_and_never_panic() {
    let seeds = catalogue();
    assert!(seeds.len() > 50, "the catalogue is the corpus");
    let texts: Vec<String> = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    std::fs::create_dir_all(specs.join("_fixtures")).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/_fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap().flatten() {
        std::fs::copy(
            entry.path(),
            specs.join("_fixtures").join(entry.file_name()),
        )
        .unwrap();
    }
    let ctx = LoadContext {
        specs_root: specs.clone(),
        cli_vars: Default::default(),
        settings: Default::default(),
        // In this process: the test binary is not pgscenario (fuel and the output limit
        // still apply).
        template_timeout: None,
    };
    let target = specs.join("fuzz.yaml");
    let seed = std::env::var("PGSCENARIO_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed);
    let (mut loaded, mut refused) = (0usize, 0usize);
    let inputs = inputs();
    for i in 0..inputs {
        let seed = &texts[rng.below(texts.len())];
        let input = mutate(&mut rng, seed);
        std::fs::write(&target, &input).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| load_spec(&target, &ctx)));
        match outcome {
            Ok(Ok(_)) => loaded += 1,
            Ok(Err(err)) => {
                refused += 1;
                // Every refusal names the file and a line.
                let text = err.to_string();
                assert!(text.contains(".yaml:"), "input {i}: unlocated error {text}");
            }
            Err(_) => {
                let kept = dir.path().join("panic.yaml");
                std::fs::write(&kept, &input).unwrap();
                panic!("input {i} panicked the loader:\n{input}");
            }
        }
    }
    eprintln!("loader fuzz: {inputs} inputs, {loaded} loaded, {refused} refused, no panic");
    assert_eq!(loaded + refused, inputs);
}
