//! A paste checked before its job is asked for.

use super::*;

#[test]
fn a_paste_checked_on_the_page_answers_its_job_without_a_worker() {
    let mut t = Test::ready(2);
    t.s.answered_early("paste", Out::Checked("paste"), 2.0);
    t.submit(vec![job(0, 1, "paste")]);
    assert_eq!(t.posted(), vec![(0, vec![])], "nothing posted");
    assert_eq!(t.page.delivered.len(), 1);
    let done = &t.page.delivered[0][0];
    assert!(done.early && !done.in_worker);
    assert_eq!(done.outcome, Out::Checked("paste"));
    assert!(t.s.submitted(DocId(0), 1));
}

#[test]
fn an_early_answer_for_another_text_is_dropped() {
    let mut t = Test::ready(2);
    t.s.answered_early("paste", Out::Checked("paste"), 2.0);
    t.submit(vec![job(0, 1, "typed after")]);
    assert_eq!(t.posted(), vec![(0, vec!["typed after"])]);
    t.answer(0);
    // Pasting the same text again later is checked anew.
    t.submit(vec![job(0, 2, "paste")]);
    assert_eq!(t.posted(), vec![(0, vec!["paste"])]);
    assert!(t.page.delivered.iter().flatten().all(|d| !d.early));
}

#[test]
fn a_large_paste_posted_early_is_taken_by_its_job() {
    let mut t = Test::ready(2);
    let c = t.s.post_early("large");
    t.run(c);
    assert_eq!(t.posted(), vec![(0, vec!["large"])]);
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.posted(), vec![(0, vec!["large"])], "not posted twice");
    t.answer(0);
    assert_eq!(t.delivered(), vec![(0, 1, Out::Checked("large"))]);
    assert!(t.page.delivered[0][0].early);
    assert!(t.page.delivered[0][0].in_worker);
}

#[test]
fn an_early_reply_before_its_job_is_kept_for_it() {
    let mut t = Test::ready(2);
    let c = t.s.post_early("large");
    t.run(c);
    t.answer(0);
    assert!(t.page.delivered.is_empty(), "not asked for yet");
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.delivered(), vec![(0, 1, Out::Checked("large"))]);
}

#[test]
fn an_early_check_whose_worker_died_runs_as_any_other_job() {
    let mut t = Test::ready(2);
    let c = t.s.post_early("large");
    t.run(c);
    t.died(0);
    assert!(t.page.delivered.is_empty(), "no job was running");
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.posted(), vec![(1, vec!["large"])]);
}

#[test]
fn an_early_check_that_trapped_leaves_its_job_to_run_anew() {
    let mut t = Test::ready(2);
    let c = t.s.post_early("large");
    t.run(c);
    t.trap(0);
    assert_eq!(t.page.terminated, vec![WorkerId(0)]);
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.posted(), vec![(1, vec!["large"])]);
    assert!(t.page.delivered.is_empty());
}

#[test]
fn nothing_is_posted_early_while_jobs_wait_or_on_the_page() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b"), job(2, 1, "c")]);
    assert!(t.s.post_early("large").is_empty());
    let mut t = Test::new(1);
    t.warm_up();
    t.died(0);
    assert!(t.s.post_early("large").is_empty());
    // And no worker started yet: nothing to post to.
    let mut t = Test::new(1);
    assert!(t.s.post_early("large").is_empty());
}

#[test]
fn the_page_warms_up_once() {
    let mut t = Test::ready(4);
    t.submit((0..8).map(|d| job(d, 1, "x")).collect());
    t.warmed(1);
    t.warmed(2);
    t.warmed(3);
    assert_eq!(t.page.warmed_page, 1);
    assert_eq!(t.page.no_workers, 0);
}
