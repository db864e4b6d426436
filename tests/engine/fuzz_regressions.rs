//! Replays the fuzzers' inputs through the same entry points the fuzz targets call
//! (`nianbao::fuzzing`): every seed in `fuzz/seeds/TARGET`, every input that once
//! crashed a target in `fuzz/regressions/TARGET`, and a quick smoke run of truncated and
//! bit-flipped seeds. The long runs are `scripts/fuzz.sh TARGET SECONDS`.

use std::path::{Path, PathBuf};

use nianbao::fuzzing;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("decode", fuzzing::decode),
    ("docx", fuzzing::docx),
    ("docx_parts", fuzzing::docx_parts),
    ("html", fuzzing::html),
    ("sections", fuzzing::sections),
    ("figures", fuzzing::figures),
];

/// Variants of each seed in the smoke run.
const MUTATIONS: usize = 24;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Seeds of a target: its own folder, plus the demo reports for the text targets.
fn seeds(target: &str) -> Vec<PathBuf> {
    let mut files = files_in(&root().join("fuzz/seeds").join(target));
    if matches!(target, "decode" | "sections" | "figures") {
        files.extend(files_in(&root().join("src/demo/reports")));
    }
    files
}

fn run(target: &str, entry: Target, input: &[u8], what: &str) {
    let outcome = std::panic::catch_unwind(|| entry(input));
    assert!(outcome.is_ok(), "{target} panicked on {what}");
}

#[test]
fn every_input_that_crashed_a_target_stays_fixed() {
    for (target, entry) in TARGETS {
        for file in files_in(&root().join("fuzz/regressions").join(target)) {
            let input = std::fs::read(&file).expect("read regression input");
            run(target, *entry, &input, &file.display().to_string());
        }
    }
}

#[test]
fn every_seed_and_a_few_mutations_of_it_run_clean() {
    for (target, entry) in TARGETS {
        let seeds = seeds(target);
        assert!(!seeds.is_empty(), "{target} has no seeds");
        for file in seeds {
            let seed = std::fs::read(&file).expect("read seed");
            run(target, *entry, &seed, &file.display().to_string());
            for round in 0..MUTATIONS {
                let input = mutate(&seed, round);
                let what = format!("{} mutation {round}", file.display());
                run(target, *entry, &input, &what);
            }
        }
    }
}

/// A deterministic variant: cut at a fraction of the length, or flip a byte.
fn mutate(seed: &[u8], round: usize) -> Vec<u8> {
    let mut input = seed.to_vec();
    if input.is_empty() {
        return input;
    }
    let at = (round * 7919 + 13) % input.len();
    if round.is_multiple_of(3) {
        input.truncate(at);
    } else {
        input[at] ^= 1 << (round % 8);
    }
    input
}
