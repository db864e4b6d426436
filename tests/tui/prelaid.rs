//! A pair laid out by the worker: the request to open a pair says what its layout
//! depends on, the worker lays it out, and the interface takes that layout only when it
//! is the one it would make itself — the screen and every key after it the same as a
//! pair the interface laid out.

use std::collections::HashSet;
use std::sync::Arc;

use crate::tui_support::*;
use nianbao::review::PairData;
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Effect};
use nianbao::tui::diff_lines::{DiffLayout, ItemKind, LayoutAsk, LayoutParams, Prelaid, WrapCache};
use nianbao::tui::jobs::{Job, Reply, Request, Response};

/// Filters the list to 青山镇 and presses Enter, leaving the request to open its pair
/// unanswered; returns it.
fn ask_for_pair(app: &mut App) -> Request {
    press(app, "/");
    type_text(app, "qsz");
    let enter = keys("<Enter>").remove(0);
    let action = app.action_for_key(enter).expect("Enter is bound");
    let effects = app.update(action);
    let (open, rest): (Vec<Effect>, Vec<Effect>) = effects
        .into_iter()
        .partition(|e| matches!(e, Effect::Send(r) if matches!(r.job, Job::Open(..))));
    serve(app, rest);
    sent(&open).pop().expect("a request to open the pair")
}

/// The ask the request carries.
fn ask_of(request: &Request) -> LayoutAsk {
    match &request.job {
        Job::Open(_, Some(ask)) => ask.clone(),
        other => panic!("expected a pair request with its layout ask: {other:?}"),
    }
}

/// Answers the request with the pair, laid out by `lay_out` (or not laid out).
fn answer(
    app: &mut App,
    request: &Request,
    lay_out: impl FnOnce(&Arc<PairData>) -> Option<Prelaid>,
) {
    let Job::Open(open, _) = &request.job else {
        panic!("expected a pair request");
    };
    let data = Arc::new(open_pair(open));
    let layout = lay_out(&data).map(Box::new);
    let effects = app.update(Action::Worker(Response {
        id: request.id,
        reply: Reply::Opened {
            data,
            notes: Vec::new(),
            layout,
        },
    }));
    serve(app, effects);
}

/// The screen after each key of `sequence`, as text.
fn screens(app: &mut App, sequence: &str) -> Vec<String> {
    let mut out = vec![buffer_text(&render(app))];
    for key in sequence.split(' ') {
        press(app, key);
        out.push(buffer_text(&render(app)));
    }
    out
}

const WALK: &str = "j j n n <C-d> G N z j z } { <C-u> g";

#[test]
fn a_pair_the_worker_laid_out_reads_as_one_the_interface_lays_out() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut by_worker = app_with_list(width, height);
        let request = ask_for_pair(&mut by_worker);
        let ask = ask_of(&request);
        assert!(ask.opened.is_empty(), "a pair not on screen opens folded");
        answer(&mut by_worker, &request, |data| {
            Some(ask.clone().lay_out(data))
        });

        let mut by_interface = app_with_list(width, height);
        let request = ask_for_pair(&mut by_interface);
        answer(&mut by_interface, &request, |_| None);

        let layout = |app: &App| {
            let review = app.review.as_ref().expect("review");
            let layout = review.layout.as_ref().expect("laid out");
            (layout.params, layout.items.clone(), layout.total_lines)
        };
        assert_eq!(layout(&by_worker), layout(&by_interface));
        assert_eq!(
            screens(&mut by_worker, WALK),
            screens(&mut by_interface, WALK)
        );
    }
}

#[test]
fn the_interface_takes_the_layout_made_for_what_it_shows() {
    let mut app = app_with_list(80, 24);
    let request = ask_for_pair(&mut app);
    let ask = ask_of(&request);
    // Made unfolded but said to be made for the ask: taken as it is, not made again.
    let unfolded = LayoutAsk {
        params: LayoutParams {
            fold: !ask.params.fold,
            ..ask.params
        },
        ..ask.clone()
    };
    answer(&mut app, &request, |data| {
        let mut prelaid = unfolded.lay_out(data);
        prelaid.ask = ask.clone();
        Some(prelaid)
    });
    let review = app.review.as_ref().expect("review");
    let layout = review.layout.as_ref().expect("laid out");
    assert_eq!(
        layout.params.fold, !ask.params.fold,
        "the worker's layout is used"
    );
}

#[test]
fn a_layout_made_for_another_width_is_made_again() {
    let mut app = app_with_list(80, 24);
    let request = ask_for_pair(&mut app);
    let ask = ask_of(&request);
    // The terminal is resized while the pair is being opened.
    run(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    answer(&mut app, &request, |data| Some(ask.clone().lay_out(data)));
    let review = app.review.as_ref().expect("review");
    let layout = review.layout.as_ref().expect("laid out");
    assert_ne!(layout.params.width, ask.params.width);
    let data = review.data.as_ref().expect("pair");
    let lang = app.lang();
    let fresh = DiffLayout::build(
        data,
        layout.params,
        &HashSet::new(),
        lang,
        &mut WrapCache::default(),
    );
    assert_eq!(layout.items, fresh.items);
    assert_eq!(layout.total_lines, fresh.total_lines);
}

#[test]
fn a_pair_asked_for_again_is_laid_out_with_the_folds_opened() {
    let mut app = app_with_list(80, 24);
    let request = ask_for_pair(&mut app);
    let ask = ask_of(&request);
    answer(&mut app, &request, |data| Some(ask.clone().lay_out(data)));
    // Open the first fold there is, then reload the pair.
    let review = app.review.as_ref().expect("review");
    let layout = review.layout.as_ref().expect("laid out");
    let fold = layout
        .items
        .iter()
        .position(|i| matches!(i.kind, ItemKind::Fold { .. }))
        .expect("the test pair folds unchanged sentences");
    let height = app.diff_height();
    if let Some(review) = app.review.as_mut() {
        review.go_to(fold, height);
    }
    press(&mut app, "<Enter>");
    let opened = app
        .review
        .as_ref()
        .map(|r| r.opened.clone())
        .expect("review");
    assert!(!opened.is_empty(), "a fold was opened");
    let reload = app
        .update(Action::Reload)
        .into_iter()
        .filter_map(|e| match e {
            Effect::Send(r) if matches!(r.job, Job::Open(..)) => Some(r),
            _ => None,
        })
        .next_back()
        .expect("the pair asked for again");
    assert_eq!(ask_of(&reload).opened, opened);
}
