//! A synthetic corpus for scale runs: reports recombined from the demo's phrases, with
//! the reuse patterns of real corpora — each township copies most of its own last
//! report, every county shares a template paragraph, a few townships lift passages from
//! a neighbour — and township names unique within each county. Reports are made and
//! written one at a time, so the national corpus (230,000 reports, about 38,000
//! townships in about 1,900 counties) is written in the memory its townships need.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Options of a generated corpus.
#[derive(Debug, Clone)]
pub struct CorpusSpec {
    /// Total number of reports.
    pub reports: usize,
    /// Consecutive years per township.
    pub years: usize,
    /// Townships per county.
    pub townships_per_county: usize,
    /// First reporting year.
    pub first_year: i32,
    /// Seed of the pseudo-random generator: equal seeds give equal corpora.
    pub seed: u64,
}

impl Default for CorpusSpec {
    fn default() -> Self {
        CorpusSpec {
            reports: 1000,
            years: 6,
            townships_per_county: 20,
            first_year: 2018,
            seed: 1,
        }
    }
}

/// SplitMix64: tiny, fast and good enough to shuffle phrases reproducibly; shared by
/// the corpus generator and the benchmarks so equal seeds give equal corpora.
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PROVINCES: &[&str] = &[
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "重庆市",
];
const NAME_FIRST: &[&str] = &[
    "青", "白", "松", "柳", "桃", "石", "龙", "凤", "金", "银", "清", "新", "大", "小", "东", "西",
    "南", "北", "长", "永", "安", "平", "太", "双", "三", "红", "黄", "马", "牛", "云",
];
const NAME_SECOND: &[&str] = &[
    "山", "河", "溪", "坪", "岭", "田", "水", "桥", "湾", "塘", "林", "岗", "口", "沟", "源", "江",
    "湖", "泉", "峰", "洲", "堡", "庄", "集", "阳", "丰", "兴", "和", "宁", "营", "寨",
];
const OPENERS: &[&str] = &["全年", "今年以来", "一年来", "报告期内", "本年度", "年内"];
const SUBJECTS: &[&str] = &[
    "党委",
    "政府",
    "司法所",
    "综治中心",
    "综合行政执法队",
    "派出所",
    "便民服务中心",
    "人大主席团",
    "纪委",
    "各村（社区）",
    "法治建设领导小组",
    "平安办",
];
const ACTIONS: &[(&str, &str, u32)] = &[
    ("开展法治宣传活动", "场", 40),
    ("组织干部集中学法", "次", 15),
    ("排查化解矛盾纠纷", "件", 200),
    ("发放宣传资料", "余份", 8000),
    ("审查规范性文件和合同", "件", 40),
    ("办理行政执法案件", "件", 90),
    ("接待来访群众", "人次", 500),
    ("培训网格员", "名", 120),
    ("主动公开政府信息", "条", 150),
    ("开展执法检查", "次", 300),
    ("提供法律咨询", "余人次", 900),
    ("召开专题会议研究法治工作", "次", 8),
    ("办理人大代表建议", "件", 30),
    ("开展“法律进乡村”活动", "场次", 25),
    ("调解成功矛盾纠纷", "件", 180),
    ("下达行政处罚决定书", "份", 80),
];
const PURPOSES: &[&str] = &[
    "有效提升了群众的法治意识",
    "推动依法行政水平不断提高",
    "切实维护了社会和谐稳定",
    "营造了浓厚的法治氛围",
    "进一步规范了行政权力运行",
    "确保各项工作在法治轨道上运行",
    "群众满意度明显提升",
    "基层治理能力不断增强",
];
const P1_HEADINGS: &[&str] = &[
    "加强组织领导，落实法治建设责任",
    "推进依法决策，规范行政行为",
    "严格规范执法，提升执法水平",
    "深化法治宣传，营造守法氛围",
    "化解矛盾纠纷，维护社会稳定",
    "推进政务公开，建设阳光政府",
    "强化权力监督，促进廉洁用权",
    "优化营商环境，提升服务效能",
];
const SHORTCOMINGS: &[&str] = &[
    "运用法治思维和法治方式解决问题的能力有待提高",
    "行政执法队伍专业化水平有待提升",
    "普法宣传的针对性和实效性有待增强",
    "法治建设经费保障不足",
    "重大行政决策程序落实还不够规范",
];
const PLANS: &[&str] = &[
    "深入学习贯彻习近平法治思想，把法治建设纳入发展大局",
    "推进严格规范公正文明执法，加强执法人员业务培训",
    "深化“八五”普法，推动法治宣传进村入户",
    "健全矛盾纠纷多元化解机制",
    "持续推进重大行政决策目录化管理",
];

/// A township of the synthetic corpus.
struct Township {
    province: &'static str,
    county: String,
    name: String,
}

/// One sentence of a report's first part, kept as the choices that make it (16 bytes)
/// rather than as its text: the generator holds every township's last report at once.
#[derive(Clone, Copy)]
struct Sentence {
    opener: u8,
    subject: u8,
    action: u8,
    purpose: u8,
    /// The last character of the township that wrote it (a neighbour's passage keeps it).
    short: char,
    number: u64,
}

/// One report of the corpus as it is generated.
pub struct GeneratedReport<'a> {
    /// Where it goes under the corpus folder: `PROVINCE/COUNTY/TOWNSHIP-YEAR.txt`.
    pub relative_path: PathBuf,
    /// Its text.
    pub text: &'a str,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Reports written.
    pub reports: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Generates the corpus under `out` as `PROVINCE/COUNTY/TOWNSHIP-YEAR.txt`, one file at a
/// time, and says how much it wrote.
pub fn generate(spec: &CorpusSpec, out: &Path) -> std::io::Result<Written> {
    let mut written = Written {
        reports: 0,
        bytes: 0,
    };
    each_report(spec, |report| {
        let path = out.join(&report.relative_path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, report.text)?;
        written.reports += 1;
        written.bytes += report.text.len() as u64;
        Ok::<(), std::io::Error>(())
    })?;
    Ok(written)
}

/// Generates the corpus's reports in order (year by year, townships in turn) and hands
/// each to `visit` as soon as it is made. Memory grows with the number of townships (a
/// township's last report is kept, 16 bytes a sentence), not with the number of reports.
pub fn each_report<E>(
    spec: &CorpusSpec,
    mut visit: impl FnMut(GeneratedReport<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let mut rng = Rng::new(spec.seed);
    let years = spec.years.max(1);
    let township_count = spec.reports.div_ceil(years);
    let townships = townships(&mut rng, township_count, spec.townships_per_county.max(1));
    let mut made = 0;
    let mut previous_bodies: Vec<Vec<Sentence>> = vec![Vec::new(); townships.len()];
    let mut text = String::new();
    for offset in 0..years {
        let year = spec.first_year + offset as i32;
        for (i, township) in townships.iter().enumerate() {
            if made >= spec.reports {
                break;
            }
            let neighbour = &previous_bodies[(i + 1) % townships.len()];
            let body = next_year_body(&mut rng, &previous_bodies[i], neighbour, township);
            render(&mut text, township, year, &body);
            visit(GeneratedReport {
                relative_path: Path::new(township.province)
                    .join(&township.county)
                    .join(format!("{}-{year}.txt", township.name)),
                text: &text,
            })?;
            made += 1;
            previous_bodies[i] = body;
        }
    }
    Ok(())
}

fn townships(rng: &mut Rng, count: usize, per_county: usize) -> Vec<Township> {
    let mut out = Vec::with_capacity(count);
    let mut counties = CountyNames::default();
    while out.len() < count {
        let province = rng.pick(PROVINCES);
        // County names are unique across the corpus, so (township, county) is too.
        let Some(county) = counties.next(rng) else {
            continue;
        };
        let mut names = std::collections::HashSet::new();
        while names.len() < per_county.min(NAME_FIRST.len() * NAME_SECOND.len())
            && out.len() < count
        {
            let suffix = if rng.chance(25) { "乡" } else { "镇" };
            let name = format!("{}{}{suffix}", rng.pick(NAME_FIRST), rng.pick(NAME_SECOND));
            if names.insert(name.clone()) {
                out.push(Township {
                    province,
                    county: county.clone(),
                    name,
                });
            }
        }
    }
    out
}

/// County names handed out so far: every fourth a district (区), the others counties
/// (县), two characters long while names of that kind and length are left, then one
/// character longer, so any number of counties can be named.
#[derive(Default)]
struct CountyNames {
    taken: std::collections::HashSet<String>,
    /// How many names are taken per kind (区 or 县) and length.
    per_kind_and_length: std::collections::HashMap<(bool, usize), usize>,
}

impl CountyNames {
    /// A new name, or `None` when the one drawn is taken (the caller draws again).
    fn next(&mut self, rng: &mut Rng) -> Option<String> {
        let district = self.taken.len() % 4 == 3;
        let mut length = 2;
        while self.count(district, length) >= name_space(length) {
            length += 1;
        }
        let mut name = rng.pick(NAME_FIRST).to_string();
        for _ in 1..length {
            name.push_str(rng.pick(NAME_SECOND));
        }
        name.push_str(if district { "区" } else { "县" });
        if !self.taken.insert(name.clone()) {
            return None;
        }
        *self
            .per_kind_and_length
            .entry((district, length))
            .or_default() += 1;
        Some(name)
    }

    fn count(&self, district: bool, length: usize) -> usize {
        self.per_kind_and_length
            .get(&(district, length))
            .copied()
            .unwrap_or(0)
    }
}

/// How many county names of `length` characters (before 区 or 县) there are.
fn name_space(length: usize) -> usize {
    let rest = u32::try_from(length.saturating_sub(1)).unwrap_or(u32::MAX);
    NAME_SECOND
        .len()
        .checked_pow(rest)
        .map_or(usize::MAX, |n| n.saturating_mul(NAME_FIRST.len()))
}

/// The P1 paragraphs of a report: mostly last year's with new numbers, some new
/// sentences, and now and then a passage from the neighbour.
fn next_year_body(
    rng: &mut Rng,
    previous: &[Sentence],
    neighbour: &[Sentence],
    township: &Township,
) -> Vec<Sentence> {
    if previous.is_empty() {
        return (0..P1_HEADINGS.len() * 6)
            .map(|_| sentence(rng, township))
            .collect();
    }
    previous
        .iter()
        .map(|s| {
            let roll = rng.below(100);
            if roll < 55 {
                *s
            } else if roll < 80 {
                renumber(rng, s)
            } else if roll < 97 || neighbour.is_empty() {
                sentence(rng, township)
            } else {
                neighbour[rng.below(neighbour.len())]
            }
        })
        .collect()
}

fn sentence(rng: &mut Rng, township: &Township) -> Sentence {
    // The draws in the order the text reads, so a seed gives the same corpus as ever.
    let action = rng.below(ACTIONS.len());
    let opener = rng.below(OPENERS.len());
    let subject = rng.below(SUBJECTS.len());
    let number = 1 + rng.below(ACTIONS[action].2 as usize) as u64;
    let purpose = rng.below(PURPOSES.len());
    Sentence {
        opener: opener as u8,
        subject: subject as u8,
        action: action as u8,
        purpose: purpose as u8,
        short: township.name.chars().last().unwrap_or('乡'),
        number,
    }
}

/// The same sentence with a nearby number (its only digits).
fn renumber(rng: &mut Rng, sentence: &Sentence) -> Sentence {
    let n = sentence.number;
    Sentence {
        number: n + rng.below((n / 3 + 2) as usize) as u64,
        ..*sentence
    }
}

fn push_sentence(text: &mut String, s: &Sentence) {
    let (action, unit, _) = ACTIONS[usize::from(s.action)];
    let _ = write!(
        text,
        "{}，{}{}{}{}{}，{}。",
        OPENERS[usize::from(s.opener)],
        s.short,
        SUBJECTS[usize::from(s.subject)],
        action,
        s.number,
        unit,
        PURPOSES[usize::from(s.purpose)]
    );
}

/// Writes a report's text into `text` (emptied first).
fn render(text: &mut String, township: &Township, year: i32, body: &[Sentence]) {
    text.clear();
    let _ = write!(
        text,
        "{name}{year}年法治政府建设年度报告\n\n{county}委、{county}政府：\n{year}年，{name}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，在{county}委、{county}政府的坚强领导下，坚持依法行政，法治政府建设取得新成效。现将有关情况报告如下：\n一、主要举措和成效\n",
        name = township.name,
        county = township.county,
    );
    let per_heading = body.len().div_ceil(P1_HEADINGS.len()).max(1);
    for (i, chunk) in body.chunks(per_heading).enumerate() {
        let heading = P1_HEADINGS.get(i).copied().unwrap_or("其他工作");
        let _ = write!(text, "（{}）{heading}。", chinese_numeral(i + 1));
        for s in chunk {
            push_sentence(text, s);
        }
        text.push('\n');
    }
    let _ = write!(
        text,
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n党政主要负责人认真履行推进法治建设第一责任人职责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。\n三、存在的不足和原因\n一是{}；二是{}。\n四、{}年工作安排\n",
        SHORTCOMINGS[(year as usize) % SHORTCOMINGS.len()],
        SHORTCOMINGS[(year as usize + 2) % SHORTCOMINGS.len()],
        year + 1
    );
    for (i, plan) in PLANS.iter().enumerate() {
        let _ = writeln!(text, "（{}）{plan}。", chinese_numeral(i + 1));
    }
    let _ = write!(
        text,
        "\n{}{}人民政府\n{}年1月10日\n",
        township.county,
        township.name,
        year + 1
    );
}

fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

#[cfg(test)]
mod tests;
