//! How many colours the terminal shows, and each theme colour brought within them: true
//! colour only when `COLORTERM` says so, the 256 xterm colours when `TERM` names them,
//! else the 16 basic colours every terminal has (the Linux console, `screen`, PuTTY's
//! default `xterm`); no colour at all with `NO_COLOR`.

use ratatui::style::Color;

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    /// The 16 basic colours.
    Ansi16,
    /// No colour at all (`NO_COLOR`).
    Mono,
}

impl ColorDepth {
    /// From `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn detect() -> ColorDepth {
        ColorDepth::from_env(
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            std::env::var("COLORTERM").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }

    /// The depth for these environment values (kept apart from the environment for tests).
    pub fn from_env(no_color: bool, colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        if no_color {
            ColorDepth::Mono
        } else if matches!(colorterm, Some("truecolor" | "24bit")) {
            ColorDepth::TrueColor
        } else {
            match term {
                Some(term) if term.contains("256") || term.ends_with("-direct") => {
                    ColorDepth::Ansi256
                }
                Some(_) => ColorDepth::Ansi16,
                None if cfg!(windows) => ColorDepth::Ansi256,
                None => ColorDepth::Ansi16,
            }
        }
    }

    /// `color` as this terminal can show it; `None` without colour.
    pub fn reduce(self, color: Color) -> Option<Color> {
        match self {
            ColorDepth::TrueColor => Some(color),
            ColorDepth::Ansi256 => Some(to_256(color)),
            ColorDepth::Ansi16 => Some(to_16(color)),
            ColorDepth::Mono => None,
        }
    }
}

/// The nearest xterm-256 colour to a true colour; other colours pass through.
pub fn to_256(color: Color) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_level = |v: u8| -> usize {
        (0..LEVELS.len())
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest_level(r), nearest_level(g), nearest_level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let average = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let gray_step = ((average.saturating_sub(8)) / 10).min(23) as u8;
    let gray_value = 8 + 10 * gray_step;
    let distance = |(cr, cg, cb): (u8, u8, u8)| -> i32 {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(cr, r) + d(cg, g) + d(cb, b)
    };
    if distance((gray_value, gray_value, gray_value)) < distance(cube) {
        Color::Indexed(232 + gray_step)
    } else {
        Color::Indexed(16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8)
    }
}

/// The basic colour of the same hue as `color`: greys by brightness, other colours by
/// hue, the light variant for light ones. (The nearest colour by distance would turn
/// the pastel themes all grey.) Basic colours pass through.
pub fn to_16(color: Color) -> Color {
    let (r, g, b) = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed_rgb(i),
        other => return other,
    };
    let (r, g, b) = (f64::from(r), f64::from(g), f64::from(b));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let value = max / 255.0;
    let saturation = if max > 0.0 { (max - min) / max } else { 0.0 };
    if value < 0.2 {
        return Color::Black;
    }
    let grey_below = if value < 0.5 { 0.35 } else { 0.2 };
    if saturation < grey_below {
        return match value {
            v if v < 0.6 => Color::DarkGray,
            v if v < 0.85 => Color::Gray,
            _ => Color::White,
        };
    }
    let hue = if max == r {
        60.0 * ((g - b) / (max - min)).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / (max - min) + 2.0)
    } else {
        60.0 * ((r - g) / (max - min) + 4.0)
    };
    let light = value >= 0.75;
    let pick = |dark: Color, bright: Color| if light { bright } else { dark };
    match hue {
        h if !(20.0..330.0).contains(&h) => pick(Color::Red, Color::LightRed),
        h if h < 90.0 => pick(Color::Yellow, Color::LightYellow),
        h if h < 150.0 => pick(Color::Green, Color::LightGreen),
        h if h < 210.0 => pick(Color::Cyan, Color::LightCyan),
        h if h < 255.0 => pick(Color::Blue, Color::LightBlue),
        _ => pick(Color::Magenta, Color::LightMagenta),
    }
}

/// The colour of an xterm-256 index.
fn indexed_rgb(index: u8) -> (u8, u8, u8) {
    const BASIC: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        0..=15 => BASIC[usize::from(index)],
        16..=231 => {
            let i = index - 16;
            let level = |k: u8| LEVELS[usize::from(k)];
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let v = 8 + 10 * (index - 232);
            (v, v, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_depth_follows_the_terminal() {
        let depth = |colorterm, term| ColorDepth::from_env(false, colorterm, term);
        assert_eq!(depth(Some("24bit"), Some("linux")), ColorDepth::TrueColor);
        assert_eq!(depth(None, Some("xterm-256color")), ColorDepth::Ansi256);
        assert_eq!(depth(None, Some("screen-256color")), ColorDepth::Ansi256);
        for term in ["linux", "vt100", "screen", "xterm"] {
            assert_eq!(depth(None, Some(term)), ColorDepth::Ansi16, "{term}");
        }
        assert_eq!(
            ColorDepth::from_env(true, Some("truecolor"), None),
            ColorDepth::Mono
        );
    }

    #[test]
    fn nearest_256_colour() {
        assert_eq!(to_256(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(to_256(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(to_256(Color::Rgb(128, 128, 128)), Color::Indexed(244));
        assert_eq!(to_256(Color::Red), Color::Red);
    }

    #[test]
    fn basic_colours_keep_the_hue_of_pastels() {
        assert_eq!(to_16(Color::Rgb(0xa6, 0xe3, 0xa1)), Color::LightGreen);
        assert_eq!(to_16(Color::Rgb(0xf3, 0x8b, 0xa8)), Color::LightRed);
        assert_eq!(to_16(Color::Rgb(0x89, 0xb4, 0xfa)), Color::LightBlue);
        assert_eq!(to_16(Color::Rgb(0xf9, 0xe2, 0xaf)), Color::LightYellow);
        assert_eq!(to_16(Color::Rgb(0xcb, 0xa6, 0xf7)), Color::LightMagenta);
        assert_eq!(to_16(Color::Rgb(0x11, 0x11, 0x1b)), Color::Black);
        assert_eq!(to_16(Color::Rgb(0x45, 0x47, 0x5a)), Color::DarkGray);
        assert_eq!(to_16(Color::Indexed(196)), Color::LightRed);
        assert_eq!(to_16(Color::Blue), Color::Blue);
    }
}
