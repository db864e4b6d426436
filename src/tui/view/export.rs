//! The export box: the format chosen among those offered (in brackets, so it shows
//! without colour) and the file name being typed; or, when the file exists, whether to
//! replace it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::overlay::draw_message_box;
use crate::export::pair::PairFormat;
use crate::i18n::{ScreenMsg, fill, screen_msg};
use crate::tui::app::{App, ExportPrompt};

/// Draws the export box over the screen.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, prompt: &ExportPrompt) {
    let lang = app.lang();
    let title = screen_msg(lang, ScreenMsg::ExportTitle);
    if prompt.confirm {
        let lines = [fill(
            screen_msg(lang, ScreenMsg::ExportExists),
            &[&prompt.path],
        )];
        let keys = screen_msg(lang, ScreenMsg::ExportConfirmKeys);
        draw_message_box(buf, area, app, (title, &lines), keys);
        return;
    }
    let formats: Vec<String> = PairFormat::ALL
        .iter()
        .map(|&f| {
            if f == prompt.format {
                format!("[{}]", f.extension())
            } else {
                format!(" {} ", f.extension())
            }
        })
        .collect();
    let mut lines = vec![
        format!(
            "{}{}",
            screen_msg(lang, ScreenMsg::ExportFormat),
            formats.join(" ")
        ),
        format!(
            "{}{}▏",
            screen_msg(lang, ScreenMsg::ExportPath),
            prompt.path
        ),
    ];
    if prompt.waiting.is_some() {
        lines.push(screen_msg(lang, ScreenMsg::ExportBusy).to_string());
    }
    let keys = screen_msg(lang, ScreenMsg::ExportKeys);
    draw_message_box(buf, area, app, (title, &lines), keys);
}
