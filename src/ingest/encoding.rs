//! Text encodings: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when
//! the NUL pattern is unmistakable), GB18030/GBK and Big5. The bytes decide, never the
//! file name: county offices still save GBK, and a file may mix GBK lines into UTF-8.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::{IngestError, sniff};

/// Decoded text and the name of the encoding it came from.
struct Decoded {
    text: String,
    encoding: String,
}

/// Decodes bytes, returning the text and the name of the encoding found.
pub fn decode(bytes: &[u8]) -> Result<(String, String), IngestError> {
    decode_declared(bytes, None)
}

/// Like [`decode`], for formats that may declare their encoding (an HTML `<meta
/// charset>`): the declaration is followed when the bytes agree with it, but valid UTF-8
/// always wins, because pages are often re-saved as UTF-8 without fixing the tag.
pub fn decode_declared(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<(String, String), IngestError> {
    let decoded = decode_bytes(bytes, declared)?;
    if let Some(noise) = sniff::control_noise(&decoded.text) {
        return Err(IngestError::Binary(noise));
    }
    Ok((decoded.text, decoded.encoding))
}

fn decode_bytes(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with_bom(&bytes[bom_len..], encoding);
    }
    // Without a NUL byte the bytes are no UTF-16 (see `bomless_utf16`).
    let has_nul = bytes.contains(&0);
    if has_nul && let Some(encoding) = bomless_utf16(bytes) {
        return decode_utf16(bytes, encoding);
    }
    if let Some(kind) = sniff::magic(bytes) {
        return Err(IngestError::Binary(kind.to_string()));
    }
    if has_nul {
        return Err(IngestError::Binary("contains NUL bytes".to_string()));
    }
    if let Some(text) = utf8(bytes) {
        return Ok(Decoded {
            text,
            encoding: "UTF-8".to_string(),
        });
    }
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && !e.is_single_byte())
        && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: legacy_name(encoding, bytes),
        });
    }
    decode_legacy_or_mixed(bytes)
}

fn decode_with_bom(body: &[u8], encoding: &'static Encoding) -> Result<Decoded, IngestError> {
    if encoding == UTF_8 {
        return match utf8(body) {
            Some(text) => Ok(Decoded {
                text,
                encoding: "UTF-8".to_string(),
            }),
            None => decode_legacy_or_mixed(body),
        };
    }
    decode_utf16(body, encoding)
}

/// The text of bytes that are valid UTF-8 throughout, checked with encoding_rs's vector
/// code (several times faster than `std::str::from_utf8` on CJK text).
fn utf8(bytes: &[u8]) -> Option<String> {
    UTF_8
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

fn decode_utf16(body: &[u8], encoding: &'static Encoding) -> Result<Decoded, IngestError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    let total = text.chars().count().max(1);
    if replaced * 20 > total {
        return Err(IngestError::Encoding(format!(
            "{} of {total} characters are not valid {}",
            replaced,
            encoding.name()
        )));
    }
    if text.contains('\0') {
        return Err(IngestError::Binary(format!(
            "NUL characters inside {} text",
            encoding.name()
        )));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name().to_string(),
    })
}

/// UTF-16 without a byte order mark, recognized only when NUL bytes (the high halves of
/// ASCII characters) sit mostly on one side and the decoded text reads as text.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 {
        return None;
    }
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // CJK characters put a NUL on the other side now and then (U+4E00 is 00 4E), so the
    // test is a strong majority, confirmed by decoding.
    let encoding = if odd >= 4 && odd >= 4 * even {
        UTF_16LE
    } else if even >= 4 && even >= 4 * odd {
        UTF_16BE
    } else {
        return None;
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    reads_as_text(&text).then_some(encoding)
}

/// Most characters are CJK, ASCII printable, whitespace or common punctuation.
fn reads_as_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut plausible = 0usize;
    for c in text.chars() {
        total += 1;
        let ok = matches!(c, ' '..='~' | '\n' | '\r' | '\t')
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
            || ('\u{2000}'..='\u{206F}').contains(&c)
            || c.is_alphanumeric();
        if ok {
            plausible += 1;
        }
    }
    total > 0 && plausible * 10 >= total * 9
}

/// How one line of a file that is not valid UTF-8 as a whole decodes best.
enum LineVerdict {
    Utf8 { non_ascii: bool },
    Legacy,
    Damaged,
}

/// A file that is not valid UTF-8: pure GBK/Big5, UTF-8 with GBK lines pasted in, or
/// UTF-8 with a few corrupted bytes. Decodes line by line (a newline byte never occurs
/// inside a GBK character) and refuses when too much would be replacement characters.
fn decode_legacy_or_mixed(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let verdicts: Vec<LineVerdict> = lines.iter().map(|line| judge_line(line)).collect();
    let utf8_lines = verdicts
        .iter()
        .filter(|v| matches!(v, LineVerdict::Utf8 { non_ascii: true }))
        .count();
    let damaged_lines = verdicts
        .iter()
        .filter(|v| matches!(v, LineVerdict::Damaged))
        .count();
    if utf8_lines == 0 && damaged_lines == 0 {
        return decode_legacy(bytes);
    }
    let mut text = String::with_capacity(bytes.len());
    let mut legacy_used = false;
    for (line, verdict) in lines.iter().zip(&verdicts) {
        match verdict {
            LineVerdict::Legacy => {
                legacy_used = true;
                text.push_str(&GB18030.decode_without_bom_handling(line).0);
            }
            _ => text.push_str(&String::from_utf8_lossy(line)),
        }
    }
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let total = text.chars().count().max(1);
    if replaced * 20 > total {
        return Err(IngestError::Encoding(format!(
            "not UTF-8, GBK or UTF-16 ({replaced} of {total} characters undecodable)"
        )));
    }
    let encoding = match (legacy_used, replaced) {
        (true, 0) => "UTF-8+GBK".to_string(),
        (true, n) => format!("UTF-8+GBK ({n} invalid bytes replaced)"),
        (false, n) => format!("UTF-8 ({n} invalid bytes replaced)"),
    };
    Ok(Decoded { text, encoding })
}

fn judge_line(line: &[u8]) -> LineVerdict {
    if std::str::from_utf8(line).is_ok() {
        return LineVerdict::Utf8 {
            non_ascii: !line.is_ascii(),
        };
    }
    let (valid_sequences, invalid_bytes) = utf8_quality(line);
    // A long UTF-8 line with one broken byte is damaged UTF-8, even when its bytes
    // happen to form GBK characters.
    if valid_sequences >= 4 * invalid_bytes.max(1) {
        return LineVerdict::Damaged;
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(line) {
        Some(_) => LineVerdict::Legacy,
        None => LineVerdict::Damaged,
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid bytes.
fn utf8_quality(mut bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(error) => {
                let good = error.valid_up_to();
                valid += std::str::from_utf8(&bytes[..good])
                    .map(|t| t.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                let bad = error.error_len().unwrap_or(bytes.len() - good);
                invalid += bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
}

/// A whole file in a legacy CJK encoding: GB18030/GBK unless the detector is sure it
/// is Big5, or the bytes read as common Chinese in Big5 and as rare characters, kana
/// and private-use code points in GBK (Big5 bytes are nearly always valid GBK too).
fn decode_legacy(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let encoding = if guess == BIG5 || reads_better_as_big5(bytes) {
        BIG5
    } else {
        GB18030
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    };
    let total = text.chars().count().max(1);
    let detector_agrees = [GBK, GB18030, BIG5].contains(&guess);
    if replaced * 20 > total || (!detector_agrees && !is_plausible_gbk(bytes)) {
        return Err(IngestError::Encoding(format!(
            "not UTF-8, GBK or UTF-16 (looks like {})",
            guess.name()
        )));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: legacy_name(encoding, bytes),
    })
}

/// Characters that make up much of any Chinese report, in simplified and traditional
/// forms: text decoded with the right encoding is full of them, text decoded with the
/// wrong one almost never holds them.
const COMMON_CHARACTERS: &str = "的是在不了有和人中大上年一二三工作法治政府建设設镇鎮乡鄉我全等及与與为為对對开開展行进進依规規宣传傳学學习習会會委党黨书書民公市区區县縣村部门門理管服务務组組织織领領导導责責任制度加强強推工作此其以于於";

/// How much more of the Big5 reading must be common characters to prefer it.
const BIG5_MARGIN: f64 = 0.15;

/// True when the bytes decode as Big5 without error and far more of the Big5 reading
/// is common Chinese than of the GB18030 reading.
fn reads_better_as_big5(bytes: &[u8]) -> bool {
    let Some(big5) = BIG5.decode_without_bom_handling_and_without_replacement(bytes) else {
        return false;
    };
    let (gb, _) = GB18030.decode_without_bom_handling(bytes);
    common_share(&big5) > common_share(&gb) + BIG5_MARGIN
}

/// The share of ideographs and private-use characters that are common characters.
fn common_share(text: &str) -> f64 {
    let mut ideographs = 0usize;
    let mut common = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        ideographs += 1;
        common += usize::from(COMMON_CHARACTERS.contains(c));
    }
    common as f64 / ideographs.max(1) as f64
}

/// GBK-encoded Chinese prose is dominated by the 3,755 common characters (lead bytes
/// B0–D7) and full-width punctuation (row A1–A3); bytes of another encoding read as
/// GBK scatter over rare characters.
fn is_plausible_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0usize;
    let mut common = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        if let Some(&trail) = bytes.get(i + 1) {
            pairs += 1;
            if (0xB0..=0xD7).contains(&lead) || (0xA1..=0xA3).contains(&lead) {
                common += 1;
            }
            if (0x30..=0x39).contains(&trail) {
                i += 4;
                continue;
            }
        }
        i += 2;
    }
    pairs > 0 && common * 10 >= pairs * 7
}

/// `GBK` when only two-byte characters occur, `GB18030` when four-byte ones do.
fn legacy_name(encoding: &'static Encoding, bytes: &[u8]) -> String {
    if encoding != GB18030 {
        return encoding.name().to_string();
    }
    let mut four_byte = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
        } else if bytes.get(i + 1).is_some_and(|b| (0x30..=0x39).contains(b)) {
            four_byte = true;
            break;
        } else {
            i += 2;
        }
    }
    if four_byte { "GB18030" } else { "GBK" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "关于报送2020年度法治政府建设工作情况的报告\n我镇坚持依法行政，全年开展专题学习12次。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let (text, enc) = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((text.as_str(), enc.as_str()), (SAMPLE, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&bom).unwrap().0, SAMPLE);
    }

    #[test]
    fn gbk_is_detected_from_bytes() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, SAMPLE);
        assert_eq!(enc, "GBK");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for (bom, le) in [(&b"\xFF\xFE"[..], true), (&b"\xFE\xFF"[..], false)] {
            let mut bytes = bom.to_vec();
            for unit in SAMPLE.encode_utf16() {
                let pair = if le {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            let (text, enc) = decode(&bytes).unwrap();
            assert_eq!(text, SAMPLE);
            assert_eq!(enc, if le { "UTF-16LE" } else { "UTF-16BE" });
        }
    }

    #[test]
    fn bomless_utf16_when_nuls_make_it_obvious() {
        let bytes: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!((text.as_str(), enc.as_str()), (SAMPLE, "UTF-16LE"));
    }

    #[test]
    fn mixed_gbk_lines_in_utf8() {
        let mut bytes = "第一行是UTF-8编码的文字。\n".as_bytes().to_vec();
        let (gbk, _, _) = GB18030.encode("第二行是国标编码的文字。\n");
        bytes.extend_from_slice(&gbk);
        bytes.extend_from_slice("第三行又是UTF-8。\n".as_bytes());
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(
            text,
            "第一行是UTF-8编码的文字。\n第二行是国标编码的文字。\n第三行又是UTF-8。\n"
        );
        assert_eq!(enc, "UTF-8+GBK");
    }

    #[test]
    fn a_stray_invalid_byte_in_utf8_is_replaced_not_refused() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(9, 0xFF);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text.chars().filter(|&c| c == '\u{FFFD}').count(), 1);
        assert!(enc.starts_with("UTF-8"), "{enc}");
        assert!(text.contains("我镇坚持依法行政"));
    }

    #[test]
    fn big5_is_read_as_big5_and_gbk_as_gbk() {
        let traditional = "楓林鄉2022年法治政府建設年度報告\n2022年，楓林鄉堅持依法行政，全年開展法治宣傳活動12場，發放宣傳資料3000餘份。\n一、主要舉措和成效\n";
        let (bytes, _, unmappable) = BIG5.encode(traditional);
        assert!(!unmappable);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!((text.as_str(), enc.as_str()), (traditional, "Big5"));
        let (gbk, _, _) = GB18030.encode(SAMPLE);
        assert_eq!(decode(&gbk).unwrap().1, "GBK");
        let (gbk_traditional, _, _) = GB18030.encode(traditional);
        assert_eq!(decode(&gbk_traditional).unwrap().0, traditional);
    }

    #[test]
    fn binary_is_refused_by_name() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00";
        assert!(matches!(decode(png), Err(IngestError::Binary(k)) if k.contains("PNG")));
        let nul = b"abc\x00def\x01\x02\x03";
        assert!(matches!(decode(nul), Err(IngestError::Binary(_))));
        let controls: Vec<u8> = (0..400).map(|i| [1u8, 2, 3, 4, b'a'][i % 5]).collect();
        assert!(matches!(decode(&controls), Err(IngestError::Binary(_))));
    }
}
