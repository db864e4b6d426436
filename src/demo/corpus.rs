//! A synthetic corpus for scale runs: reports recombined from the demo's phrases, with
//! the reuse patterns of real corpora — each township copies most of its own last
//! report, every county shares a template paragraph, a few townships lift passages from
//! a neighbour — and township names unique within each county.

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

/// Generates the corpus under `out` as `PROVINCE/COUNTY/TOWNSHIP-YEAR.txt` and returns
/// the files written.
pub fn generate(spec: &CorpusSpec, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut rng = Rng::new(spec.seed);
    let years = spec.years.max(1);
    let township_count = spec.reports.div_ceil(years);
    let townships = townships(&mut rng, township_count, spec.townships_per_county.max(1));
    let mut files = Vec::with_capacity(spec.reports);
    let mut previous_texts: Vec<Vec<String>> = vec![Vec::new(); townships.len()];
    for offset in 0..years {
        let year = spec.first_year + offset as i32;
        for (i, township) in townships.iter().enumerate() {
            if files.len() >= spec.reports {
                break;
            }
            let neighbour = &previous_texts[(i + 1) % townships.len()];
            let body = next_year_body(&mut rng, &previous_texts[i], neighbour, township);
            let text = render(township, year, &body);
            let dir = out.join(township.province).join(&township.county);
            std::fs::create_dir_all(&dir)?;
            let path = dir.join(format!("{}-{year}.txt", township.name));
            std::fs::write(&path, text)?;
            files.push(path);
            previous_texts[i] = body;
        }
    }
    Ok(files)
}

fn townships(rng: &mut Rng, count: usize, per_county: usize) -> Vec<Township> {
    let mut out = Vec::with_capacity(count);
    let mut counties = std::collections::HashSet::new();
    while out.len() < count {
        let province = rng.pick(PROVINCES);
        let county = format!(
            "{}{}{}",
            rng.pick(NAME_FIRST),
            rng.pick(NAME_SECOND),
            if counties.len() % 4 == 3 {
                "区"
            } else {
                "县"
            }
        );
        // County names are unique across the corpus, so (township, county) is too.
        if !counties.insert(county.clone()) {
            continue;
        }
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

/// The P1 paragraphs of a report: mostly last year's with new numbers, some new
/// sentences, and now and then a passage from the neighbour.
fn next_year_body(
    rng: &mut Rng,
    previous: &[String],
    neighbour: &[String],
    township: &Township,
) -> Vec<String> {
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
                s.clone()
            } else if roll < 80 {
                renumber(rng, s)
            } else if roll < 97 || neighbour.is_empty() {
                sentence(rng, township)
            } else {
                neighbour[rng.below(neighbour.len())].clone()
            }
        })
        .collect()
}

fn sentence(rng: &mut Rng, township: &Township) -> String {
    let (action, unit, scale) = ACTIONS[rng.below(ACTIONS.len())];
    let short = township
        .name
        .chars()
        .last()
        .map_or(String::new(), String::from);
    format!(
        "{}，{}{}{}{}{}，{}。",
        rng.pick(OPENERS),
        short,
        rng.pick(SUBJECTS),
        action,
        1 + rng.below(scale as usize),
        unit,
        rng.pick(PURPOSES)
    )
}

/// Replaces every digit run with a nearby number.
fn renumber(rng: &mut Rng, sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut digits = String::new();
    for c in sentence.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let n: usize = digits.parse().unwrap_or(1);
            out.push_str(&(n + rng.below(n / 3 + 2)).to_string());
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

fn render(township: &Township, year: i32, body: &[String]) -> String {
    let mut text = format!(
        "{name}{year}年法治政府建设年度报告\n\n{county}委、{county}政府：\n{year}年，{name}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，在{county}委、{county}政府的坚强领导下，坚持依法行政，法治政府建设取得新成效。现将有关情况报告如下：\n一、主要举措和成效\n",
        name = township.name,
        county = township.county,
    );
    let per_heading = body.len().div_ceil(P1_HEADINGS.len()).max(1);
    for (i, chunk) in body.chunks(per_heading).enumerate() {
        let heading = P1_HEADINGS.get(i).copied().unwrap_or("其他工作");
        text.push_str(&format!(
            "（{}）{heading}。{}\n",
            chinese_numeral(i + 1),
            chunk.concat()
        ));
    }
    text.push_str(&format!(
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n党政主要负责人认真履行推进法治建设第一责任人职责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。\n三、存在的不足和原因\n一是{}；二是{}。\n四、{}年工作安排\n",
        SHORTCOMINGS[(year as usize) % SHORTCOMINGS.len()],
        SHORTCOMINGS[(year as usize + 2) % SHORTCOMINGS.len()],
        year + 1
    ));
    for (i, plan) in PLANS.iter().enumerate() {
        text.push_str(&format!("（{}）{plan}。\n", chinese_numeral(i + 1)));
    }
    text.push_str(&format!(
        "\n{}{}人民政府\n{}年1月10日\n",
        township.county,
        township.name,
        year + 1
    ));
    text
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
mod tests {
    use super::*;

    #[test]
    fn generates_the_requested_number_of_distinct_reports() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = CorpusSpec {
            reports: 30,
            years: 3,
            townships_per_county: 4,
            ..CorpusSpec::default()
        };
        let files = generate(&spec, dir.path()).expect("generate");
        assert_eq!(files.len(), 30);
        let unique: std::collections::HashSet<_> = files.iter().collect();
        assert_eq!(unique.len(), 30);
    }

    #[test]
    fn same_seed_same_corpus() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let spec = CorpusSpec {
            reports: 12,
            ..CorpusSpec::default()
        };
        let fa = generate(&spec, a.path()).expect("generate");
        let fb = generate(&spec, b.path()).expect("generate");
        for (x, y) in fa.iter().zip(&fb) {
            assert_eq!(std::fs::read(x).ok(), std::fs::read(y).ok());
        }
    }

    #[test]
    fn consecutive_years_share_most_sentences() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = CorpusSpec {
            reports: 2,
            years: 2,
            townships_per_county: 1,
            ..CorpusSpec::default()
        };
        let files = generate(&spec, dir.path()).expect("generate");
        let first = std::fs::read_to_string(&files[0]).expect("read");
        let second = std::fs::read_to_string(&files[1]).expect("read");
        let kept = first
            .split('。')
            .filter(|s| s.len() > 30 && second.contains(*s))
            .count();
        let total = first.split('。').filter(|s| s.len() > 30).count();
        assert!(kept * 3 > total, "kept {kept} of {total}");
        assert!(kept < total, "some sentences must change");
    }
}
