//! `e` exports the open pair: a small box asks the format (docx or html) and the file,
//! offering the township and years in the current folder; the worker writes it the
//! way `nianbao export` does, and an existing file is replaced only once the reviewer
//! says so. The status line says where it went, or why not.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Handled;
use super::{App, Overlay};
use crate::export::pair::{PairFormat, default_name};
use crate::i18n::{ScreenMsg, fill, screen_msg};
use crate::tui::jobs::{Exported, Job, OpenRequest, RequestId};

/// The export box's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub format: PairFormat,
    /// The file to write, as typed.
    pub path: String,
    /// The file exists: asking before replacing it.
    pub confirm: bool,
    /// The export asked, while its answer has not come.
    pub waiting: Option<RequestId>,
    /// The name offered for each format; switching format changes an offered name.
    offered: [String; 2],
    open: OpenRequest,
}

impl ExportPrompt {
    /// The other format, the file's extension following it.
    fn switch_format(&mut self) {
        let (from, to) = match self.format {
            PairFormat::Docx => (PairFormat::Docx, PairFormat::Html),
            PairFormat::Html => (PairFormat::Html, PairFormat::Docx),
        };
        self.format = to;
        if self.path == self.offered[index(from)] {
            self.path = self.offered[index(to)].clone();
        } else if let Some(stem) = self.path.strip_suffix(&format!(".{}", from.extension())) {
            self.path = format!("{stem}.{}", to.extension());
        }
    }
}

fn index(format: PairFormat) -> usize {
    usize::from(format == PairFormat::Html)
}

impl App {
    /// Opens the export box for the pair on screen; a single year has no comparison.
    pub(super) fn open_export_prompt(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let lang = self.lang();
        let Some(data) = review.data.as_ref().filter(|_| !review.loading()) else {
            return Handled::Ignored;
        };
        if data.is_single() {
            return self.complain(screen_msg(lang, ScreenMsg::ExportOneYear).to_string());
        }
        if review.is_cross() {
            return self.complain(screen_msg(lang, ScreenMsg::ExportCross).to_string());
        }
        let offered = PairFormat::ALL.map(|f| default_name(data, f).display().to_string());
        self.overlay = Some(Overlay::Export(ExportPrompt {
            format: PairFormat::Docx,
            path: offered[0].clone(),
            confirm: false,
            waiting: None,
            offered,
            open: review.open_request(),
        }));
        Handled::Changed
    }

    /// A key in the export box: `Tab` switches format, text edits the file name,
    /// `Enter` exports, `Esc` closes; while asking to replace, `y` replaces and any
    /// other key goes back to the name.
    pub(super) fn export_input(&mut self, key: KeyEvent) -> Handled {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(Overlay::Export(prompt)) = self.overlay.as_mut() else {
            return Handled::Ignored;
        };
        if key.code == KeyCode::Esc {
            self.overlay = None;
            return Handled::Changed;
        }
        if prompt.waiting.is_some() {
            return Handled::Ignored;
        }
        if prompt.confirm {
            prompt.confirm = false;
            if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                return self.send_export(true);
            }
            return Handled::Changed;
        }
        match key.code {
            KeyCode::Enter => return self.send_export(false),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right => {
                prompt.switch_format();
            }
            KeyCode::Backspace => {
                prompt.path.pop();
            }
            KeyCode::Char('u') if ctrl => prompt.path.clear(),
            KeyCode::Char(c) if !ctrl => prompt.path.push(c),
            _ => return Handled::Ignored,
        }
        Handled::Changed
    }

    /// Pasted text joins the file name.
    pub(super) fn export_paste(&mut self, line: &str) -> Handled {
        match self.overlay.as_mut() {
            Some(Overlay::Export(prompt)) if prompt.waiting.is_none() && !prompt.confirm => {
                prompt.path.push_str(line);
                Handled::Changed
            }
            _ => Handled::Ignored,
        }
    }

    /// Asks the worker to write the file; `force` replaces an existing one.
    fn send_export(&mut self, force: bool) -> Handled {
        let lang = self.lang();
        let Some(Overlay::Export(prompt)) = self.overlay.as_ref() else {
            return Handled::Ignored;
        };
        let path = prompt.path.trim().to_string();
        if path.is_empty() {
            return self.complain(screen_msg(lang, ScreenMsg::ExportEmptyPath).to_string());
        }
        let job = Job::Export {
            open: prompt.open.clone(),
            format: prompt.format,
            path: PathBuf::from(path),
            force,
            lang,
        };
        let id = self.effects.send(job);
        if let Some(Overlay::Export(prompt)) = self.overlay.as_mut() {
            prompt.waiting = Some(id);
        }
        Handled::Changed
    }

    /// What became of an export: the status line says where it went or why not; an
    /// existing file asks before it is replaced.
    pub(super) fn on_exported(&mut self, id: RequestId, exported: Exported) -> Handled {
        let lang = self.lang();
        let asked = match self.overlay.as_mut() {
            Some(Overlay::Export(prompt)) if prompt.waiting == Some(id) => Some(prompt),
            _ => None,
        };
        match exported {
            Exported::Exists(_) if asked.is_some() => {
                if let Some(prompt) = asked {
                    prompt.waiting = None;
                    prompt.confirm = true;
                }
                Handled::Changed
            }
            Exported::Exists(path) => {
                let shown = path.display().to_string();
                let text = fill(screen_msg(lang, ScreenMsg::ExportExists), &[&shown]);
                self.complain(text)
            }
            Exported::Written(path) => {
                self.close_export(id);
                let shown = path.display().to_string();
                let text = fill(screen_msg(lang, ScreenMsg::ExportWritten), &[&shown]);
                self.say_text(text)
            }
            Exported::Failed(reason) => {
                self.close_export(id);
                let text = fill(screen_msg(lang, ScreenMsg::ExportFailed), &[&reason]);
                self.complain(text)
            }
        }
    }

    /// Closes the export box when it waits for `id`; true when it did.
    pub(super) fn close_export(&mut self, id: RequestId) -> bool {
        let waiting = matches!(&self.overlay, Some(Overlay::Export(p)) if p.waiting == Some(id));
        if waiting {
            self.overlay = None;
        }
        waiting
    }
}
