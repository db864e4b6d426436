//! Builds the segmenter's images (see `src/report/segment/format.rs`) from the data
//! files of the jieba-rs and jieba-macros packages, found through `cargo metadata`, so
//! the program starts with its dictionary ready instead of building it at every start.
//! Nothing of those packages is copied into the repository: the images live in OUT_DIR.

#[path = "build/dictionary.rs"]
mod dictionary;
#[path = "src/report/segment/format.rs"]
mod format;
#[path = "build/hmm.rs"]
mod hmm;
#[path = "build/image.rs"]
mod image;
#[path = "build/posseg.rs"]
mod posseg;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Any failure of the build script, reported as a build error.
pub type BuildResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The version whose segmentation the project's segmenter reproduces; its data files
/// are the ones read.
const JIEBA_VERSION: &str = "0.11.0";

fn main() {
    if let Err(error) = run() {
        eprintln!("error: building the segmentation images: {error}");
        std::process::exit(1);
    }
}

/// Builds one image from the text of one data file.
type ImageBuilder = fn(&str) -> BuildResult<Vec<u8>>;

fn run() -> BuildResult<()> {
    let [jieba, macros] = package_dirs(["jieba-rs", "jieba-macros"])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let inputs: [(PathBuf, &str, ImageBuilder); 3] = [
        (
            jieba.join("src/data/dict.txt"),
            "dictionary.bin",
            dictionary::image,
        ),
        (
            jieba.join("src/data/posseg.txt"),
            "posseg.bin",
            posseg::image,
        ),
        (macros.join("src/hmm.model"), "hmm.bin", hmm::image),
    ];
    for (source, target, build) in inputs {
        println!("cargo:rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source)
            .map_err(|e| format!("reading {}: {e}", source.display()))?;
        let image = build(&text).map_err(|e| format!("{}: {e}", source.display()))?;
        std::fs::write(out_dir.join(target), image)?;
    }
    for own in [
        "build.rs",
        "build",
        "src/report/segment/format.rs",
        "Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={own}");
    }
    Ok(())
}

/// The source directories of the packages `names` at [`JIEBA_VERSION`], as Cargo
/// downloaded them (being build-dependencies guarantees they are there).
fn package_dirs<const N: usize>(names: [&str; N]) -> BuildResult<[PathBuf; N]> {
    // Offline first: the build has downloaded what it compiles. `cargo metadata` also
    // wants the test-only dependencies, which a first plain `cargo build` has not
    // fetched, so it is asked again online when the offline run fails.
    let metadata = cargo_metadata(true).or_else(|offline| {
        cargo_metadata(false).map_err(|online| format!("{offline}; {online}"))
    })?;
    let packages = metadata["packages"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let mut dirs = names.map(|_| PathBuf::new());
    for (name, dir) in names.iter().zip(&mut dirs) {
        let manifest_path = packages
            .iter()
            .filter(|p| p["name"] == *name && p["version"] == JIEBA_VERSION)
            .find_map(|p| p["manifest_path"].as_str())
            .ok_or_else(|| {
                format!("package {name} {JIEBA_VERSION} is not in the dependency graph")
            })?;
        *dir = Path::new(manifest_path)
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| format!("odd manifest path {manifest_path}"))?;
    }
    Ok(dirs)
}

/// The output of `cargo metadata` for this package's dependency graph.
fn cargo_metadata(offline: bool) -> Result<serde_json::Value, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?;
    let mut command = Command::new(cargo);
    command.args(["metadata", "--format-version", "1", "--manifest-path"]);
    command.arg(Path::new(&manifest_dir).join("Cargo.toml"));
    if offline {
        command.arg("--offline");
    }
    let output = command
        .output()
        .map_err(|e| format!("running cargo metadata: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("cargo metadata failed: {}", stderr.trim()));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("reading cargo metadata: {e}"))
}
