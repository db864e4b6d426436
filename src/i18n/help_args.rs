//! The Chinese help of every argument of `nianbao`, by command path and argument id;
//! the English is the doc comment on the argument's field. Kept apart from the
//! commands' descriptions only so that neither list grows past reading.

/// An argument's help in Chinese: `path` is the command's path (`""` for the options
/// every command takes), `id` the argument's id (its field name).
pub fn arg_help_zh(path: &str, id: &str) -> Option<&'static str> {
    global(path, id)
        .or_else(|| store_reading(path, id))
        .or_else(|| other(path, id))
}

/// The options of `nianbao` itself, which every subcommand takes too.
fn global(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("", "store") => "库文件（默认：平台数据目录下的 nianbao.db）",
        ("", "lang") => "界面语言：zh（默认）或 en",
        ("", "theme") => {
            "审阅界面的配色：dark（默认）、light、high-contrast、mono，或配置目录 themes/ 下的文件"
        }
        ("", "color") => "何时着色：auto（终端且未设 NO_COLOR）、always、never",
        ("", "no_pager") => "直接输出到终端，不经 $PAGER（默认 `less -FRX`）",
        _ => return None,
    })
}

/// Arguments that name stored reports, and the output switches most commands share.
fn store_reading(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("show" | "notes add", "township") => "乡镇名称，即 `nianbao list` 所列",
        ("show", "year") => "报告年度（省略时为最近一年）",
        ("notes add", "year") => "报告年度",
        ("show" | "diff" | "figures" | "reuse" | "export" | "notes add", "county") => {
            "同名乡镇属于多个县时，指定县"
        }
        ("diff" | "export", "targets") => "库中的 乡镇 [旧年度 新年度]，或 旧文件 新文件",
        ("show" | "reuse" | "search", "json") => "以 JSON 输出",
        ("check" | "notes list" | "notes export", "township") => "只看该乡镇",
        ("check" | "notes list" | "notes export", "year") => "只看该年度",
        ("check", "county") => "只看该县",
        ("report", "output") => "要写的文件（默认：md 和 csv 写到标准输出）",
        ("export", "output") => "要写的文件（默认：当前文件夹下，以乡镇和年度命名）",
        ("notes export", "output") => "写入该文件，而不是标准输出",
        ("report" | "export", "force") => "输出文件已存在时替换它",
        ("notes export", "force") => "文件已存在时覆盖",
        ("notes edit" | "notes delete", "id") => "意见的编号，即 `nianbao notes list` 所列",
        _ => return None,
    })
}

/// The arguments particular to one command.
fn other(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("demo", "dir") => "把演示报告和库放在这个文件夹，而不是临时文件夹",
        ("demo", "no_tui") => "建好演示库就停下，不打开界面",
        ("import", "paths") => "文件或文件夹（逐层查找）",
        ("import", "township") => "每个文件的乡镇，用于正文没写或写错时",
        ("import", "county") => "每个文件的县（区）",
        ("import", "province") => "每个文件的省",
        ("import", "year") => "每个文件的报告年度（1949 年至明年）",
        ("import", "replace") => "替换库中正文不同的报告（旧的留作历史版本）",
        ("import", "json") => "以 JSON 输出结果",
        ("list", "county") => "只列该县（区）的乡镇",
        ("list", "province") => "只列该省的乡镇",
        ("list", "year") => "只列有该年度报告的乡镇",
        ("list", "json") => {
            "以 JSON 输出：[{\"township\",\"county\",\"province\",\"years\",\"copy_ratio\",\"findings\",\"reviewed_sections\",\"sections\"}]，逐个乡镇写出"
        }
        ("list", "fields") => {
            "JSON 中只含这些字段，以逗号分隔（不给则全部）；不含 copy_ratio、findings、reviewed_sections 和 sections 时不计算摘要，在大库上可省去大部分时间"
        }
        ("inspect", "files") => "报告文件（.txt .docx .html）",
        ("inspect", "json") => "以 JSON 输出（一个文件为对象，多个文件为数组）",
        ("diff", "json") => "以 JSON 输出；前言和结尾为第 \"0\" 节和第 \"end\" 节",
        ("diff", "compact") => {
            "与 --json 同用：输出一行，每份报告的正文只出现一次，省去位置已能给出的文字（各行的句子、相同片段的文字）"
        }
        ("diff", "width") => "每行的列数（默认：终端宽度，其次 COLUMNS，再次 100）",
        ("diff", "context") => "每处改动前后显示的未变句子数；更长的未变部分折叠起来",
        ("figures", "township") => "乡镇，即 `nianbao list` 所列；不给则为全部乡镇",
        ("figures", "year") => "只看该报告年度；加 --compare 时，为截至该年的对比",
        ("figures", "compare") => "对比相邻年度：按名称和单位配对数据，并加标记",
        ("figures", "files") => "读这些文件而不读库；加 --compare 时恰好两个：旧 新",
        ("figures", "json") => "以 JSON 输出：数据的数组，加 --compare 时为对比表的数组",
        ("figures", "csv") => "以 CSV 输出：带 BOM 的 UTF-8（供 Excel），首行为表头，每行一个数据",
        _ => return reuse_and_search(path, id).or_else(|| notes_and_reports(path, id)),
    })
}

/// The arguments of `reuse` and `search`.
fn reuse_and_search(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("reuse", "targets") => {
            "库中报告的 乡镇 [年度]（不给年度则为最近一年），或相互比较的报告文件"
        }
        ("reuse", "top") => {
            "在全库（或所给文件）中排列共用段落和报告对；库中报告超过 250 份时，只看索引指出的报告"
        }
        ("reuse", "kind") => "只看这一类段落：own-history、template、cross-township、widespread",
        ("reuse", "rebuild") => "用库中的报告重建复用索引",
        ("reuse", "min_chars") => "报出的相同段落最短多长，按去掉标点后的字数计（≥ 10）",
        ("reuse", "near_min_chars") => "作为改写近似句比较的句子最短多长（≥ 10）",
        ("reuse", "near_similarity") => "改写句须达到的编辑相似度（0.5–1）",
        ("reuse", "template_min_townships") => "模板段落至少出现在几个乡镇，含本乡",
        ("reuse", "template_share") => "模板段落至少出现在全部乡镇中的多大比例（0–1）",
        ("reuse", "template_min_provinces") => "段落出现在这么多个省即为模板，乡镇再少也算",
        ("reuse", "limit") => "加 --top 时每个排名的条数",
        ("reuse", "every_report") => "与 --top 同用：不论库多大，逐份分析全部报告，排名精确但慢",
        ("search", "query") => "要查找的内容",
        ("search", "township") => "只查该乡镇的报告",
        ("search", "county") => "只查该县的报告",
        ("search", "province") => "只查该省的报告",
        ("search", "year") => "只查该年度的报告",
        ("search", "limit") => "列出的报告数（全部都计数）",
        ("search", "count_by") => "不列出报告，而是按年度、县或省计数",
        ("search", "reindex") => {
            "不检索，而是补齐库的搜索索引：用于复制库时没带上它的 `-search` 文件，或该文件被删除之后"
        }
        _ => return None,
    })
}

/// The arguments of `notes`, `report`, `export`, `check` and `bench-corpus`.
fn notes_and_reports(path: &str, id: &str) -> Option<&'static str> {
    Some(match (path, id) {
        ("notes add", "text") => "意见内容",
        ("notes add", "section") => {
            "章节路径（`2`、`2.1`），即 `nianbao inspect` 所示；不给则针对整份报告"
        }
        ("notes add", "flag") => "记为标记，而不是意见",
        ("notes add", "author") => "审阅人姓名（默认：登录名，其次系统账户名）",
        ("notes add", "json") => "以 JSON 输出存入的意见",
        ("notes list", "json") => {
            "以 JSON 输出：[{\"id\",\"township\",\"county\",\"year\",\"section\",\"start\",\"end\",\"excerpt\",\"kind\",\"body\",\"author\",\"created_at\"}]"
        }
        ("notes export", "format") => "md 或 csv",
        ("notes edit", "text") => "意见的新内容",
        ("notes edit", "json") => "以 JSON 输出改后的意见",
        ("report", "townships") => "要写入报告的乡镇（默认：库中全部乡镇）",
        ("report", "county") => "只含该县的乡镇",
        ("report", "year") => "审阅的年度（默认：各乡镇最近一年）",
        ("report", "format") => "md 可粘贴到 Word/WPS；csv 每条发现一行；docx 和 html 为文档",
        ("export", "format") => "docx：带修订和批注的 Word；html：一个独立的网页",
        ("check", "json") => {
            "以 JSON 输出：[{\"township\",\"county\",\"year\",\"lint\":[…]}]，每查完一份报告写出一项"
        }
        ("bench-corpus", "reports") => "要写的报告份数",
        ("bench-corpus", "out") => "写入的文件夹（没有则新建）",
        ("bench-corpus", "years") => "每个乡镇的连续年数",
        ("bench-corpus", "per_county") => "每个县的乡镇数",
        ("bench-corpus", "seed") => "种子：同一种子写出同样的语料",
        _ => return None,
    })
}
