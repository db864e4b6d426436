//! Scrolling through a long pair allocates the same small amount per frame wherever the
//! view is: frames slice the layout, they never re-wrap or copy the report.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use crate::tui_support::*;
use nianbao::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Counting;

thread_local! {
    /// Bytes allocated by this thread: the other tests of the binary run on other
    /// threads at the same time, and their allocations are not this frame's.
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

/// Bytes this thread has allocated so far.
fn allocated() -> usize {
    ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // A thread being torn down has no counter any more; its allocations do not count.
        let _ = ALLOCATED.try_with(|n| n.set(n.get() + layout.size()));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The test report with its body repeated `times` times under new headings.
fn long_text(base: &str, times: usize) -> String {
    let mut lines = base.lines();
    let head: Vec<&str> = lines.by_ref().take(3).collect();
    let body: Vec<&str> = lines.collect();
    let mut out = head.join("\n");
    for i in 0..times {
        for line in &body {
            out.push('\n');
            out.push_str(&line.replace("一、", &format!("{}、", chinese(i))));
        }
    }
    out
}

fn chinese(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

#[test]
fn allocation_per_frame_does_not_grow_with_the_scroll_position() {
    let old = report(&long_text(OLD_TEXT, 100), 2022, &[]);
    let new = report(&long_text(NEW_TEXT, 100), 2023, &[]);
    assert!(new.text.chars().count() > 20_000);
    let comparison = compare_by_hand(&old, &new);
    let mut data = pair_data(vec![2022, 2023]);
    data.old = Some(old.into());
    data.new = new.into();
    data.comparison = comparison;
    data.ledger.clear();

    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter> z");
    let request = app.review.as_ref().map(|r| r.request).expect("review");
    app.update(opened(request, data));
    let total = app
        .review
        .as_ref()
        .and_then(|r| r.layout.as_ref())
        .map(|l| l.total_lines)
        .expect("layout");
    assert!(total > 1000, "{total} display lines");

    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut per_frame = Vec::new();
    for percent in [0, 10, 50, 90, 100] {
        let line = (total - app.diff_height()) * percent / 100;
        if let Some(review) = app.review.as_mut() {
            review.scroll = line;
            review.cursor = review.layout.as_ref().map_or(0, |l| l.item_at_line(line));
        }
        terminal.draw(|f| view::draw(f, &app)).expect("draw");
        let before = allocated();
        terminal.draw(|f| view::draw(f, &app)).expect("draw");
        per_frame.push(allocated() - before);
    }
    let least = per_frame.iter().copied().min().unwrap_or(0);
    let most = per_frame.iter().copied().max().unwrap_or(0);
    assert!(most < 16 * 1024, "a frame allocates little: {per_frame:?}");
    assert!(
        most <= least * 2 + 1024,
        "flat while scrolling: {per_frame:?}"
    );
}
