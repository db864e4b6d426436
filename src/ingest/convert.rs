//! Old Word (`.doc`), WPS (`.wps`) and PDF files go through an external converter when
//! one is installed (antiword or catdoc, pdftotext), with a time limit; without one the
//! file fails with the name of the package to install. Nothing is guessed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Format, IngestError, MAX_FILE_BYTES};

/// How long a converter may run before it is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How often a running converter is checked.
const POLL: Duration = Duration::from_millis(20);

/// A converter program and how to make it print UTF-8 text of `file` to stdout.
struct Converter {
    program: &'static str,
    args: fn(&Path) -> Vec<String>,
}

const ANTIWORD: Converter = Converter {
    program: "antiword",
    // `-w 0`: paragraphs on one line each, not wrapped at 76 columns.
    args: |file| {
        vec![
            "-w".into(),
            "0".into(),
            "-m".into(),
            "UTF-8.txt".into(),
            file.display().to_string(),
        ]
    },
};

const CATDOC: Converter = Converter {
    program: "catdoc",
    args: |file| {
        vec![
            "-d".into(),
            "utf-8".into(),
            "-w".into(),
            file.display().to_string(),
        ]
    },
};

const PDFTOTEXT: Converter = Converter {
    program: "pdftotext",
    args: |file| {
        // Page breaks are kept: the repair needs pages to find their numbers and
        // running headers.
        vec![
            "-enc".into(),
            "UTF-8".into(),
            file.display().to_string(),
            "-".into(),
        ]
    },
};

/// Converts a `.doc`, `.wps` or `.pdf` file to text with the converters found on `PATH`,
/// in order, until one succeeds (antiword refuses some files catdoc reads); returns the
/// text and the converter's name.
pub fn convert(format: Format, bytes: &[u8]) -> Result<(String, String), IngestError> {
    let (candidates, install): (&[Converter], &'static str) = match format {
        Format::Pdf => (&[PDFTOTEXT], "poppler-utils (pdftotext)"),
        _ => (&[ANTIWORD, CATDOC], "antiword or catdoc"),
    };
    let found: Vec<(&Converter, PathBuf)> = candidates
        .iter()
        .filter_map(|c| find_on_path(c.program).map(|p| (c, p)))
        .collect();
    if found.is_empty() {
        return Err(IngestError::NeedsConverter {
            format: format.as_str(),
            install,
        });
    }
    let mut input = tempfile::Builder::new()
        .prefix("nianbao-")
        .suffix(&format!(".{}", format.as_str()))
        .tempfile()?;
    input.write_all(bytes)?;
    input.flush()?;
    let mut failure = None;
    for (converter, program) in found {
        match run(&program, &(converter.args)(input.path()), converter.program) {
            Ok(output) => {
                let (text, _) = super::encoding::decode(&output).map_err(|e| {
                    IngestError::Converter(format!(
                        "{} printed unreadable text: {e}",
                        converter.program
                    ))
                })?;
                return Ok((text, converter.program.to_string()));
            }
            Err(error) => failure = Some(error),
        }
    }
    Err(failure.unwrap_or_else(|| IngestError::Converter("no converter ran".to_string())))
}

/// The full path of an executable named `program` on `PATH`.
fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}

/// Runs the converter, reading its output on helper threads so a full pipe cannot
/// stall it, and kills it at the time limit.
fn run(program: &Path, args: &[String], name: &str) -> Result<Vec<u8>, IngestError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| IngestError::Converter(format!("cannot start {name}: {e}")))?;
    let stdout = child
        .stdout
        .take()
        .map(|out| read_in_background(out, MAX_FILE_BYTES * 4));
    let stderr = child
        .stderr
        .take()
        .map(|err| read_in_background(err, 64 * 1024));
    let started = Instant::now();
    let status = loop {
        match child.try_wait()? {
            Some(status) => break status,
            None if started.elapsed() > TIMEOUT => {
                // Already exited or not: either way it is stopped now.
                let _ = child.kill();
                let _ = child.wait();
                return Err(IngestError::Converter(format!(
                    "{name} did not finish within {} s",
                    TIMEOUT.as_secs()
                )));
            }
            None => std::thread::sleep(POLL),
        }
    };
    let output = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let errors = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    if !status.success() {
        let reason = String::from_utf8_lossy(&errors)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("no message")
            .to_string();
        return Err(IngestError::Converter(format!(
            "{name} failed ({status}): {reason}"
        )));
    }
    Ok(output)
}

fn read_in_background<R: Read + Send + 'static>(
    reader: R,
    limit: u64,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error leaves what was read; the exit status tells the rest.
        let _ = reader.take(limit).read_to_end(&mut bytes);
        bytes
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_program_is_not_found() {
        assert_eq!(find_on_path("nianbao-no-such-converter"), None);
    }

    #[cfg(unix)]
    #[test]
    fn failing_converter_reports_its_message() {
        let err = run(
            Path::new("/bin/sh"),
            &["-c".into(), "echo broken file >&2; exit 3".into()],
            "sh",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("broken file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn converter_output_is_read() {
        let out = run(
            Path::new("/bin/sh"),
            &["-c".into(), "printf '一、主要举措'".into()],
            "sh",
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "一、主要举措");
    }
}
