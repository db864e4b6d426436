//! Traditional characters, folded to simplified ones for reading places (`杉嶺鄉` is read
//! as `杉嶺乡`, `黔江區` as `黔江区`). Only the characters the place rules look at are
//! folded — administrative levels, function words, and the words of generic phrases —
//! one character for one, so positions stay the same and every name found is then
//! taken from the text as written.

/// Traditional characters and the simplified ones the rules are written with.
const PAIRS: &[(char, char)] = &[
    ('鄉', '乡'),
    ('鎮', '镇'),
    ('區', '区'),
    ('縣', '县'),
    ('們', '们'),
    ('這', '这'),
    ('該', '该'),
    ('與', '与'),
    ('對', '对'),
    ('為', '为'),
    ('爲', '为'),
    ('將', '将'),
    ('從', '从'),
    ('給', '给'),
    ('讓', '让'),
    ('經', '经'),
    ('還', '还'),
    ('並', '并'),
    ('於', '于'),
    ('個', '个'),
    ('黨', '党'),
    ('會', '会'),
    ('員', '员'),
    ('辦', '办'),
    ('號', '号'),
    ('組', '组'),
    ('級', '级'),
    ('處', '处'),
    ('園', '园'),
    ('開', '开'),
    ('發', '发'),
    ('試', '试'),
    ('驗', '验'),
    ('範', '范'),
    ('護', '护'),
    ('濟', '济'),
    ('貿', '贸'),
    ('庫', '库'),
    ('邊', '边'),
    ('專', '专'),
    ('選', '选'),
    ('廠', '厂'),
    ('門', '门'),
    ('貧', '贫'),
    ('點', '点'),
    ('長', '长'),
    ('風', '风'),
    ('鄰', '邻'),
    ('裡', '里'),
    ('裏', '里'),
    ('間', '间'),
    ('親', '亲'),
    ('賢', '贤'),
    ('壓', '压'),
    ('靜', '静'),
    ('紙', '纸'),
    ('狀', '状'),
    ('國', '国'),
    ('機', '机'),
    ('關', '关'),
    ('產', '产'),
    ('業', '业'),
    ('廣', '广'),
    ('東', '东'),
    ('龍', '龙'),
    ('陝', '陕'),
    ('雲', '云'),
    ('貴', '贵'),
    ('遼', '辽'),
    ('寧', '宁'),
    ('蘇', '苏'),
    ('滬', '沪'),
    ('臺', '台'),
    ('灣', '湾'),
    ('維', '维'),
    ('爾', '尔'),
    ('內', '内'),
    ('壯', '壮'),
    ('慶', '庆'),
    ('嶺', '岭'),
];

/// The simplified form of a character the place rules read, or the character itself.
pub(crate) fn fold(c: char) -> char {
    PAIRS
        .iter()
        .find(|(traditional, _)| *traditional == c)
        .map_or(c, |(_, simplified)| *simplified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_fold_and_length_is_kept() {
        let text = "重慶市黔江區杉嶺鄉人民政府";
        let folded: String = text.chars().map(fold).collect();
        assert_eq!(folded, "重庆市黔江区杉岭乡人民政府");
        assert_eq!(folded.chars().count(), text.chars().count());
    }
}
