//! Reading the images the build script embeds: the header is checked and the sections
//! cut out by `const fn`s, so a malformed image stops the build instead of reaching a
//! user, and the tables are read through bounds-checked little-endian views, so even a
//! wrong table entry can only give a wrong answer, never undefined behaviour or a panic.

use super::format::{HEADER_LEN, MAGIC, SECTION_ENTRY_LEN, VERSION};

/// Why bytes are not a usable image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// Shorter than its header and section table.
    Truncated,
    /// Does not start with the magic bytes.
    NotAnImage,
    /// Written by a build script with another layout.
    WrongVersion,
    /// An image of another kind, or with another number of sections.
    WrongKind,
    /// A section reaches past the end of the image.
    SectionOutOfBounds,
    /// A section's length does not fit what it holds.
    BadSectionLength,
    /// Tag text that is not UTF-8 or ends that do not fit it.
    BadTags,
}

impl ImageError {
    /// What went wrong, in words (usable at compile time).
    pub const fn message(self) -> &'static str {
        match self {
            ImageError::Truncated => "segmentation image truncated",
            ImageError::NotAnImage => "not a segmentation image",
            ImageError::WrongVersion => "segmentation image of another version",
            ImageError::WrongKind => "segmentation image of another kind",
            ImageError::SectionOutOfBounds => "segmentation image section out of bounds",
            ImageError::BadSectionLength => "segmentation image section of a wrong length",
            ImageError::BadTags => "segmentation image tags malformed",
        }
    }
}

/// The `u32` at byte `at`, if the bytes reach that far.
const fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    if at + 4 > bytes.len() {
        return None;
    }
    Some(u32::from_le_bytes([
        bytes[at],
        bytes[at + 1],
        bytes[at + 2],
        bytes[at + 3],
    ]))
}

/// The `N` sections of an image of `kind`, after checking its header.
pub const fn sections<const N: usize>(
    image: &'static [u8],
    kind: u32,
) -> Result<[&'static [u8]; N], ImageError> {
    if image.len() < HEADER_LEN + N * SECTION_ENTRY_LEN {
        return Err(ImageError::Truncated);
    }
    let mut i = 0;
    while i < MAGIC.len() {
        if image[i] != MAGIC[i] {
            return Err(ImageError::NotAnImage);
        }
        i += 1;
    }
    if !matches!(u32_at(image, 8), Some(VERSION)) {
        return Err(ImageError::WrongVersion);
    }
    match (u32_at(image, 12), u32_at(image, 16)) {
        (Some(k), Some(n)) if k == kind && n as usize == N => {}
        _ => return Err(ImageError::WrongKind),
    }
    let mut out: [&'static [u8]; N] = [&[]; N];
    let mut s = 0;
    while s < N {
        let entry = HEADER_LEN + s * SECTION_ENTRY_LEN;
        let (Some(offset), Some(len)) = (u32_at(image, entry), u32_at(image, entry + 4)) else {
            return Err(ImageError::Truncated);
        };
        let Some((_, rest)) = image.split_at_checked(offset as usize) else {
            return Err(ImageError::SectionOutOfBounds);
        };
        let Some((section, _)) = rest.split_at_checked(len as usize) else {
            return Err(ImageError::SectionOutOfBounds);
        };
        out[s] = section;
        s += 1;
    }
    Ok(out)
}

/// A section of little-endian `u16`s.
#[derive(Debug, Clone, Copy)]
pub struct U16s(&'static [u8]);

impl U16s {
    /// The section as `u16`s, holding exactly `count` of them when given.
    pub const fn new(bytes: &'static [u8], count: Option<usize>) -> Result<Self, ImageError> {
        match check_len(bytes, 2, count) {
            Ok(()) => Ok(U16s(bytes)),
            Err(e) => Err(e),
        }
    }

    /// How many there are.
    pub const fn len(self) -> usize {
        self.0.len() / 2
    }

    /// The `i`th, if there is one.
    #[inline]
    pub fn get(self, i: usize) -> Option<u16> {
        let bytes = self.0.get(i.checked_mul(2)?..)?.first_chunk::<2>()?;
        Some(u16::from_le_bytes(*bytes))
    }
}

/// A section of little-endian `u32`s.
#[derive(Debug, Clone, Copy)]
pub struct U32s(&'static [u8]);

impl U32s {
    /// The section as `u32`s, holding exactly `count` of them when given.
    pub const fn new(bytes: &'static [u8], count: Option<usize>) -> Result<Self, ImageError> {
        match check_len(bytes, 4, count) {
            Ok(()) => Ok(U32s(bytes)),
            Err(e) => Err(e),
        }
    }

    /// How many there are.
    pub const fn len(self) -> usize {
        self.0.len() / 4
    }

    /// The `i`th, if there is one.
    #[inline]
    pub fn get(self, i: usize) -> Option<u32> {
        let bytes = self.0.get(i.checked_mul(4)?..)?.first_chunk::<4>()?;
        Some(u32::from_le_bytes(*bytes))
    }

    /// The `i`th as an index.
    #[inline]
    pub fn index(self, i: usize) -> Option<usize> {
        self.get(i).map(|v| v as usize)
    }
}

/// A section of little-endian `f64`s, bit for bit.
#[derive(Debug, Clone, Copy)]
pub struct F64s(&'static [u8]);

impl F64s {
    /// The section as `f64`s, holding exactly `count` of them when given.
    pub const fn new(bytes: &'static [u8], count: Option<usize>) -> Result<Self, ImageError> {
        match check_len(bytes, 8, count) {
            Ok(()) => Ok(F64s(bytes)),
            Err(e) => Err(e),
        }
    }

    /// How many there are.
    pub const fn len(self) -> usize {
        self.0.len() / 8
    }

    /// The `i`th, if there is one.
    #[inline]
    pub fn get(self, i: usize) -> Option<f64> {
        let bytes = self.0.get(i.checked_mul(8)?..)?.first_chunk::<8>()?;
        Some(f64::from_le_bytes(*bytes))
    }

    /// The first one, at compile time.
    pub const fn first(self) -> Option<f64> {
        match self.0.first_chunk::<8>() {
            Some(bytes) => Some(f64::from_le_bytes(*bytes)),
            None => None,
        }
    }
}

const fn check_len(bytes: &[u8], width: usize, count: Option<usize>) -> Result<(), ImageError> {
    let whole = bytes.len().is_multiple_of(width);
    let counted = match count {
        Some(count) => bytes.len() == count * width,
        None => true,
    };
    if whole && counted {
        Ok(())
    } else {
        Err(ImageError::BadSectionLength)
    }
}

/// Tags stored as UTF-8 text and the end of each.
#[derive(Debug, Clone, Copy)]
pub struct Tags {
    text: &'static str,
    ends: U32s,
}

impl Tags {
    /// The tags, checked to be UTF-8 with every end inside the text, ascending, and on
    /// a character boundary.
    pub const fn new(text: &'static [u8], ends: &'static [u8]) -> Result<Self, ImageError> {
        let Ok(text) = std::str::from_utf8(text) else {
            return Err(ImageError::BadTags);
        };
        let Ok(ends) = U32s::new(ends, None) else {
            return Err(ImageError::BadTags);
        };
        let mut previous = 0;
        let mut i = 0;
        while i < ends.len() {
            let Some(end) = u32_at(ends.0, i * 4) else {
                return Err(ImageError::BadTags);
            };
            let end = end as usize;
            if end < previous || end > text.len() || !text.is_char_boundary(end) {
                return Err(ImageError::BadTags);
            }
            previous = end;
            i += 1;
        }
        Ok(Tags { text, ends })
    }

    /// How many tags there are.
    pub const fn len(self) -> usize {
        self.ends.len()
    }

    /// The `i`th tag, if there is one.
    pub fn get(self, i: usize) -> Option<&'static str> {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.index(before)?,
            None => 0,
        };
        self.text.get(start..self.ends.index(i)?)
    }
}
