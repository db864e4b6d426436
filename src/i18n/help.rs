//! `nianbao --help` in Chinese. The English help is the commands' doc comments, where
//! clap reads it; this is its Chinese, keyed by the command's path (`""` for `nianbao`
//! itself, `"notes add"`) and the argument's id, and the words clap prints around it.

/// The words clap prints around the help texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpWord {
    Usage,
    Commands,
    Arguments,
    Options,
    Default,
    PossibleValues,
    Env,
    /// `-h` of a command whose `--help` says more.
    HelpSummary,
    /// `--help` of a command whose `-h` says less.
    HelpFull,
    /// `-h` and `--help` of a command where both say the same.
    Help,
    Version,
}

/// A help word in Chinese.
pub fn help_word_zh(word: HelpWord) -> &'static str {
    match word {
        HelpWord::Usage => "用法",
        HelpWord::Commands => "命令",
        HelpWord::Arguments => "参数",
        HelpWord::Options => "选项",
        HelpWord::Default => "默认",
        HelpWord::PossibleValues => "可选值",
        HelpWord::Env => "环境变量",
        HelpWord::HelpSummary => "显示帮助（--help 看详细说明）",
        HelpWord::HelpFull => "显示帮助（-h 看摘要）",
        HelpWord::Help => "显示帮助",
        HelpWord::Version => "显示版本",
    }
}

/// A command's one-line description in Chinese, by its path; `help` is the
/// subcommand clap adds.
pub fn command_about_zh(path: &str) -> Option<&'static str> {
    Some(match path {
        "" => "审阅乡镇法治政府建设年度报告",
        "demo" => "在内置的示例县上打开审阅界面（不动您的库）",
        "import" => "把报告（.txt .docx .html；文件夹逐层查找）导入库中",
        "list" => "列出乡镇及其所属县、省和年份",
        "show" => "显示库中的一份报告：基本信息和正文",
        "inspect" => "不入库分析文件：提纲、法定部分、数据、检查发现",
        "diff" => "逐节对比一个乡镇的两个年度（或两个文件）",
        "figures" => "库中报告或文件里的数据；加 --compare 则逐年对比",
        "reuse" => "与其他报告共用的文字：模板、本乡往年、其他乡镇",
        "search" => "检索库中全部报告的正文；加 --count-by 看趋势",
        "notes" => "审阅意见：添加、列出，或导出为审阅意见报告（md、csv）",
        "report" => "县里报送的审阅意见报告（md、csv、docx、html）",
        "export" => "把一次对比存为文件：带修订的 Word，或独立的 HTML 网页",
        "check" => "检查库中报告：缺少部分、编号、年份不对、其他乡镇名称",
        "bench-corpus" => "为规模测试写出合成语料",
        "notes add" => "给库中一份报告添加意见（或标记）",
        "notes list" => "列出意见、标记和已审阅的章节",
        "notes export" => "把全部意见写成审阅意见报告",
        "notes edit" => "按编号修改一条意见或标记的文字",
        "notes delete" => "按编号删除一条意见、标记或已审阅记号",
        "help" | "notes help" => "显示本帮助，或所给子命令的帮助",
        _ => return None,
    })
}

/// A value name in Chinese where it is a word (`<PATH>` → `<路径>`); `None` for a
/// letter standing for a number (`<N>`, `<F>`) and for a name not in the table.
pub fn value_name_zh(name: &str) -> Option<&'static str> {
    Some(match name {
        "PATH" => "路径",
        "LANG" => "语言",
        "NAME" => "名称",
        "WHEN" => "何时",
        "DIR" => "文件夹",
        "TOWNSHIP" => "乡镇",
        "COUNTY" => "县",
        "PROVINCE" => "省",
        "YEAR" => "年度",
        "FILE" => "文件",
        "TOWNSHIP|FILE" => "乡镇|文件",
        "TOWNSHIP [YEAR] | FILE" => "乡镇 [年度] | 文件",
        "COLUMNS" => "列数",
        "KIND" => "类型",
        "FORMAT" => "格式",
        "BY" => "维度",
        "FIELDS" => "字段",
        "LIMIT" => "数量",
        "TEXT" => "文字",
        "AUTHOR" => "审阅人",
        "ID" => "编号",
        "QUERY" => "查询",
        "REPORTS" => "份数",
        "YEARS" => "年数",
        "PER_COUNTY" => "乡镇数",
        "SEED" => "种子",
        "COMMAND" => "命令",
        _ => return None,
    })
}

/// What a value of an argument means, in Chinese, where clap lists the values with
/// their meaning (`--color`, `notes export --format`).
pub fn possible_value_zh(path: &str, arg: &str, value: &str) -> Option<&'static str> {
    Some(match (path, arg, value) {
        ("", "color", "auto") => "stdout 为终端且未设 NO_COLOR 时着色",
        ("", "color", "always") => "始终着色，如经 `less -R` 分页时",
        ("", "color", "never") => "从不着色",
        ("notes export", "format", "md") => "Markdown：标题和列表粘贴到 Word 或 WPS 后仍在",
        ("notes export", "format", "csv") => "CSV：带 BOM 的 UTF-8，Excel 能正确读出中文",
        _ => return None,
    })
}

/// The explanations some commands print after their options, beside the examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpNote {
    DiffMarkers,
    ReuseKinds,
    SearchQuery,
}

/// A help note in the interface language. The English is the bilingual text the help
/// has always shown.
pub fn help_note(lang: super::Lang, note: HelpNote) -> &'static str {
    let (zh, en) = match note {
        HelpNote::DiffMarkers => (
            "标记：  ' ' 未变   ^ 仅日期变（年份、日期）   # 仅数字变（数据）
        ~ 改写   > 移动   + 新增   - 删除
  章节标题行标出其标题的同一种标记，改动的词语也标出。",
            "标记 / Markers:  ' ' 未变 unchanged   ^ 仅日期变 dates only (years, dates)
                  # 仅数字变 numbers only (figures)   ~ 改写 modified
                  > 移动 moved   + 新增 added   - 删除 removed
  A section header carries the same marker for its heading, with changed words marked.",
        ),
        HelpNote::ReuseKinds => (
            "类型：own-history 本乡历年；template 模板（出现在至少 --template-min-townships 个乡镇且至少占全部乡镇的 --template-share，或至少 --template-min-provinces 个省，或所需乡镇数那么多个县）；cross-township 跨乡镇（另有一两个乡镇；优先于 own-history，并标 also_own_history）；widespread 多乡共有（另有三个以上乡镇，但未达模板门槛）。

--top：库中不超过 250 份报告时，按每份报告的分析排名；更多时，只分析复用索引指出的与少数乡镇共用独特文字最多的报告（即完整分析的排名限于这些报告）；--every-report 逐份分析全部报告（精确但慢）。",
            "Kinds / 类型: own-history 本乡历年, template 模板 (≥ --template-min-townships townships and
≥ --template-share of all townships, or ≥ --template-min-provinces provinces, or as many
counties as townships needed), cross-township 跨乡镇 (one or two other townships;
wins over own-history, flagged also_own_history), widespread 多乡共有 (three or more other
townships, below the template thresholds).

--top: a store of up to 250 reports is ranked from every report's analysis; a larger one
from the analyses of the reports the reuse index shows sharing the most text with few
townships (rankings of the full analysis restricted to those reports); --every-report
analyses them all. 超过 250 份报告时，只分析复用索引指出的共用独特文字最多的报告；
--every-report 逐份分析全部报告（精确但慢）。",
        ),
        HelpNote::SearchQuery => (
            "查询：词语并列即同时出现；\"…\" 为短语；AND、OR、NOT（大写）与括号。",
            "查询 / Query: 词语并列即同时出现；\"…\" 为短语；AND、OR、NOT（大写）与括号。
  Words side by side must all occur; \"…\" quotes a phrase; AND, OR, NOT (upper case), ( ).",
        ),
    };
    match lang {
        super::Lang::Zh => zh,
        super::Lang::En => en,
    }
}
