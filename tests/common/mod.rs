//! The real `claimsift` binary, run in a scratch directory (after xsv's Workdir).
//! Shared by the integration test files: `mod common;` then `use common::*;`.
#![allow(dead_code)] // each test file uses its own subset of the harness

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn create(&self, name: &str, content: impl AsRef<[u8]>) {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// Copies the sample articles into `input/`.
    pub fn sample_input(&self) {
        for entry in std::fs::read_dir(repo("input")).unwrap() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "txt") {
                self.create(&format!("input/{}", entry.file_name().to_string_lossy()), std::fs::read(entry.path()).unwrap());
            }
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimsift"));
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn csv(&self, name: &str) -> Vec<csv::StringRecord> {
        let mut reader = csv::Reader::from_path(self.path(name)).unwrap();
        reader.records().map(Result::unwrap).collect()
    }
}

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn text_only(args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = vec!["run".into(), "--no-ner".into(), "--quiet".into()];
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

pub fn run_text_only(wd: &Workdir, args: &[&str]) -> Output {
    let all = text_only(args);
    wd.run(&all.iter().map(String::as_str).collect::<Vec<_>>())
}

