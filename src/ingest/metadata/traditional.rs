//! Traditional characters, folded to simplified ones for reading places (`杉嶺鄉` is read
//! as `杉嶺乡`, `黔江區` as `黔江区`). Only the characters the place rules look at are
//! folded — administrative levels, function words, and the words of generic phrases —
//! one character for one, so positions stay the same and every name found is then
//! taken from the text as written.

use std::borrow::Cow;

/// Traditional characters and the simplified ones the rules are written with, in code
/// point order of the traditional character so that folding is a binary search.
const PAIRS: &[(char, char)] = &[
    ('並', '并'),
    ('個', '个'),
    ('們', '们'),
    ('內', '内'),
    ('區', '区'),
    ('員', '员'),
    ('國', '国'),
    ('園', '园'),
    ('壓', '压'),
    ('壯', '壮'),
    ('寧', '宁'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('嶺', '岭'),
    ('庫', '库'),
    ('廠', '厂'),
    ('廣', '广'),
    ('從', '从'),
    ('慶', '庆'),
    ('於', '于'),
    ('會', '会'),
    ('東', '东'),
    ('業', '业'),
    ('機', '机'),
    ('滬', '沪'),
    ('濟', '济'),
    ('灣', '湾'),
    ('為', '为'),
    ('爲', '为'),
    ('爾', '尔'),
    ('狀', '状'),
    ('產', '产'),
    ('發', '发'),
    ('範', '范'),
    ('紙', '纸'),
    ('級', '级'),
    ('組', '组'),
    ('給', '给'),
    ('經', '经'),
    ('維', '维'),
    ('縣', '县'),
    ('臺', '台'),
    ('與', '与'),
    ('蘇', '苏'),
    ('處', '处'),
    ('號', '号'),
    ('裏', '里'),
    ('裡', '里'),
    ('親', '亲'),
    ('試', '试'),
    ('該', '该'),
    ('護', '护'),
    ('讓', '让'),
    ('貧', '贫'),
    ('貴', '贵'),
    ('貿', '贸'),
    ('賢', '贤'),
    ('辦', '办'),
    ('這', '这'),
    ('選', '选'),
    ('遼', '辽'),
    ('還', '还'),
    ('邊', '边'),
    ('鄉', '乡'),
    ('鄰', '邻'),
    ('鎮', '镇'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陝', '陕'),
    ('雲', '云'),
    ('靜', '静'),
    ('風', '风'),
    ('驗', '验'),
    ('點', '点'),
    ('黨', '党'),
    ('龍', '龙'),
];

/// Slots of [`FILTER`].
const FILTER_BITS: usize = 4096;

/// One bit per slot (code point modulo [`FILTER_BITS`]), set for the slots of the
/// traditional characters of [`PAIRS`]: nearly every character of a text is let through
/// on a clear bit, without a search.
const FILTER: [u64; FILTER_BITS / 64] = {
    let mut bits = [0u64; FILTER_BITS / 64];
    let mut i = 0;
    while i < PAIRS.len() {
        let slot = PAIRS[i].0 as usize % FILTER_BITS;
        bits[slot / 64] |= 1 << (slot % 64);
        i += 1;
    }
    bits
};

/// The simplified form of a character the place rules read, or the character itself.
#[inline]
pub(crate) fn fold(c: char) -> char {
    let slot = c as usize % FILTER_BITS;
    if FILTER[slot / 64] >> (slot % 64) & 1 == 0 {
        return c;
    }
    PAIRS
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .map_or(c, |found| PAIRS[found].1)
}

/// The text with every character folded, borrowed when none folds (nearly always). A
/// character folds into one of the same UTF-8 length, so a byte offset into the folded
/// text is one into the text as written.
pub(crate) fn fold_text(text: &str) -> Cow<'_, str> {
    let Some(first) = first_folding(text) else {
        return Cow::Borrowed(text);
    };
    let mut folded = String::with_capacity(text.len());
    folded.push_str(&text[..first]);
    folded.extend(text[first..].chars().map(fold));
    Cow::Owned(folded)
}

/// The byte offset of the first character of `text` that folds. Every traditional
/// character of [`PAIRS`] takes three bytes, so only characters of three bytes are
/// decoded, and only those on a set bit of [`FILTER`] are looked up.
fn first_folding(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] & 0xF0 != 0xE0 {
            i += 1;
            continue;
        }
        let code = u32::from(bytes[i] & 0x0F) << 12
            | u32::from(bytes[i + 1] & 0x3F) << 6
            | u32::from(bytes[i + 2] & 0x3F);
        let slot = code as usize % FILTER_BITS;
        let candidate = FILTER[slot / 64] >> (slot % 64) & 1 == 1;
        if candidate && char::from_u32(code).is_some_and(|c| fold(c) != c) {
            return Some(i);
        }
        i += 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_in_code_point_order_without_repeats() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_pair_folds() {
        for &(traditional, simplified) in PAIRS {
            assert_eq!(fold(traditional), simplified);
            assert_eq!(fold(simplified), simplified);
        }
    }

    #[test]
    fn a_character_folds_into_one_of_the_same_byte_length() {
        for &(traditional, simplified) in PAIRS {
            assert_eq!(traditional.len_utf8(), 3, "{traditional}");
            assert_eq!(simplified.len_utf8(), 3, "{simplified}");
        }
        for text in ["鄉", "a鄉", "é鄉", "😀鄉", "中文，鄉"] {
            assert_eq!(first_folding(text), text.find('鄉'), "{text}");
        }
        assert_eq!(first_folding("中文😀é，abc"), None);
        let text = "a重慶市黔江區杉嶺鄉，中文";
        let folded = fold_text(text);
        assert_eq!(folded, "a重庆市黔江区杉岭乡，中文");
        assert_eq!(folded.len(), text.len());
        assert!(matches!(fold_text("重庆市"), Cow::Borrowed(_)));
    }

    #[test]
    fn levels_fold_and_length_is_kept() {
        let text = "重慶市黔江區杉嶺鄉人民政府";
        let folded: String = text.chars().map(fold).collect();
        assert_eq!(folded, "重庆市黔江区杉岭乡人民政府");
        assert_eq!(folded.chars().count(), text.chars().count());
    }
}
