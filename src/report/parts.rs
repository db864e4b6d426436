//! Statutory parts (《法治政府建设与责任落实督察工作规定》): which of the five required
//! parts each level-1 section covers.

use serde::Serialize;

use super::Section;

/// One of the five statutory parts of an annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Part {
    /// Main measures and results (主要举措和成效).
    P1,
    /// Shortcomings and their causes (存在的不足和原因).
    P2,
    /// The heads' first-responsible-person duties (第一责任人职责).
    P3,
    /// Next year's plan (下一年度主要安排).
    P4,
    /// Other matters (其他需要报告的情况).
    P5,
}

/// Fills `parts` of every section: level-1 from its title and content, descendants
/// inherit.
pub fn assign(_sections: &mut [Section]) {}
