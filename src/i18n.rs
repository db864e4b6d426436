//! Every user-facing string of the CLI and TUI, in Chinese (default) and English.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise an English `LANG`/`LC_ALL` selects English.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(flag) = flag {
            return if flag.starts_with("en") {
                Lang::En
            } else {
                Lang::Zh
            };
        }
        let env = std::env::var("LC_ALL")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("LANG").ok())
            .unwrap_or_default();
        if env.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// A user-facing string. Views and commands name a message; this module words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Imported,
    Unchanged,
    Replaced,
    Failed,
    ImportSummary,
    Township,
    County,
    Province,
    Years,
    Year,
    Title,
    Source,
    NoReports,
    Sections,
    Figures,
    Lint,
    Preamble,
    Closing,
    NoFindings,
    ReuseOwnHistory,
    ReuseTemplate,
    ReuseCrossTownship,
    ReuseWidespread,
    ReuseShares,
    ReuseAlsoIn,
    ReuseAlsoOwnHistory,
    ReuseNear,
    ReuseNone,
    ReuseMore,
    ReuseTownships,
    ReuseChars,
    ReuseAbout,
    ReuseTopPassages,
    ReuseTopPairs,
    ReuseScore,
    ReuseIndexUpdated,
    ReuseIndexRebuilt,
    ReuseReports,
}

/// The wording of `m` in `lang`.
pub fn msg(lang: Lang, m: Msg) -> &'static str {
    let (zh, en) = match m {
        Msg::Imported => ("已导入", "imported"),
        Msg::Unchanged => ("未变化", "unchanged"),
        Msg::Replaced => ("已替换", "replaced"),
        Msg::Failed => ("失败", "failed"),
        Msg::ImportSummary => ("导入完成", "import done"),
        Msg::Township => ("乡镇", "township"),
        Msg::County => ("县区", "county"),
        Msg::Province => ("省份", "province"),
        Msg::Years => ("年份", "years"),
        Msg::Year => ("年度", "year"),
        Msg::Title => ("标题", "title"),
        Msg::Source => ("来源", "source"),
        Msg::NoReports => (
            "库中还没有报告。导入：nianbao import 文件或目录；或运行 nianbao demo",
            "The store has no reports yet. Import with: nianbao import FILES, or run nianbao demo",
        ),
        Msg::Sections => ("章节", "sections"),
        Msg::Figures => ("数据", "figures"),
        Msg::Lint => ("问题", "findings"),
        Msg::Preamble => ("开头", "preamble"),
        Msg::Closing => ("落款", "closing"),
        Msg::NoFindings => ("未发现问题", "no findings"),
        Msg::ReuseOwnHistory => ("本乡历年", "own history"),
        Msg::ReuseTemplate => ("模板", "template"),
        Msg::ReuseCrossTownship => ("跨乡镇", "cross-township"),
        Msg::ReuseWidespread => ("多乡共有", "widespread"),
        Msg::ReuseShares => ("重复文字占比", "share of text reused"),
        Msg::ReuseAlsoIn => ("又见于", "also in"),
        Msg::ReuseAlsoOwnHistory => ("本乡其他年份亦有", "also in own other years"),
        Msg::ReuseNear => ("近似句", "reworded"),
        Msg::ReuseNone => (
            "未发现与其他报告共用的段落",
            "no passage shared with other reports",
        ),
        Msg::ReuseMore => ("另有", "more:"),
        Msg::ReuseTownships => ("个乡镇", "townships"),
        Msg::ReuseChars => ("字", "chars"),
        Msg::ReuseAbout => ("约", "about"),
        Msg::ReuseTopPassages => (
            "共用段落排行（长度 × 稀有度）",
            "shared passages by length × rarity",
        ),
        Msg::ReuseTopPairs => (
            "报告对排行（共用的非模板文字）",
            "report pairs by shared distinctive text",
        ),
        Msg::ReuseScore => ("得分", "score"),
        Msg::ReuseIndexUpdated => ("复用索引已更新", "reuse index updated"),
        Msg::ReuseIndexRebuilt => ("复用索引已重建", "reuse index rebuilt"),
        Msg::ReuseReports => ("份报告", "reports"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
