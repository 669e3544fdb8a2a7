//! Workers started, given jobs, and what they finish handed over.

use super::*;

#[test]
fn the_first_worker_starts_at_warm_up_and_takes_the_first_job() {
    let mut t = Test::new(4);
    t.warm_up();
    assert_eq!(t.posted(), vec![(0, vec![])]);
    t.submit(vec![job(0, 1, "a")]);
    assert_eq!(t.posted(), vec![(0, vec!["a"])]);
    t.answer(0);
    assert_eq!(t.delivered(), vec![(0, 1, Out::Checked("a"))]);
    assert!(t.s.submitted(DocId(0), 1));
    assert!(!t.s.submitted(DocId(0), 2));
}

#[test]
fn a_job_submitted_before_any_worker_starts_one() {
    let mut t = Test::new(2);
    t.submit(vec![job(3, 1, "a")]);
    assert_eq!(t.posted(), vec![(0, vec!["a"])]);
}

#[test]
fn more_workers_start_only_once_the_first_has_answered() {
    let mut t = Test::new(4);
    t.warm_up();
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b"), job(2, 1, "c")]);
    // The first worker has not answered: it may not load here, so no other starts, and
    // it is given one job only.
    assert_eq!(t.posted(), vec![(0, vec!["a"])]);
    assert_eq!(t.s.waiting(), 2);
    t.warmed(0);
    assert_eq!(
        t.page.warmed_page, 1,
        "the page warms up once the first worker has"
    );
    assert_eq!(
        t.posted(),
        vec![(0, vec!["a"]), (1, vec!["b"]), (2, vec!["c"])]
    );
}

#[test]
fn no_more_workers_than_cores_each_given_two_jobs() {
    let mut t = Test::ready(2);
    t.submit((0..6).map(|d| job(d, 1, "x")).collect());
    assert_eq!(t.s.workers(), 2);
    // Worker 1 has not answered yet: only worker 0 takes a second job.
    assert_eq!(
        t.posted().iter().map(|w| w.1.len()).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(t.s.waiting(), 3);
    t.warmed(1);
    assert_eq!(
        t.posted().iter().map(|w| w.1.len()).collect::<Vec<_>>(),
        vec![2, 2]
    );
    assert_eq!(t.s.waiting(), 2);
}

#[test]
fn cores_are_capped_at_four_workers() {
    let mut t = Test::ready(64);
    t.submit((0..20).map(|d| job(d, 1, "x")).collect());
    assert_eq!(t.s.workers(), MAX_WORKERS);
}

#[test]
fn a_newer_job_replaces_the_waiting_one_of_its_document() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b"), job(2, 1, "c")]);
    assert_eq!(t.posted(), vec![(0, vec!["a", "b"])]);
    t.submit(vec![job(2, 2, "c2")]);
    assert_eq!(t.s.waiting(), 1);
    assert!(t.s.submitted(DocId(2), 2));
    t.answer(0);
    t.answer(0);
    t.answer(0);
    t.flush_if_set();
    let seqs: Vec<(u32, u32)> = t.delivered().iter().map(|d| (d.0, d.1)).collect();
    assert_eq!(
        seqs,
        vec![(0, 1), (1, 1), (2, 2)],
        "c's first version never ran"
    );
}

#[test]
fn one_job_alone_is_handed_over_at_once() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "a")]);
    t.answer(0);
    assert_eq!(t.page.delivered.len(), 1);
    assert!(!t.page.timer);
}

#[test]
fn a_batch_is_handed_over_together_by_the_timer() {
    let mut t = Test::ready(1);
    t.submit((0..4).map(|d| job(d, 1, "x")).collect());
    t.answer(0);
    assert!(
        t.page.timer,
        "others still run: the first waits for the timer"
    );
    assert!(t.page.delivered.is_empty());
    t.answer(0);
    t.flush();
    assert_eq!(t.page.delivered.len(), 1);
    assert_eq!(t.page.delivered[0].len(), 2);
    t.answer(0);
    t.answer(0);
    // The last one hands over what waits with it, and the timer is cancelled.
    assert!(!t.page.timer);
    assert_eq!(t.page.delivered.len(), 2);
    assert_eq!(t.page.delivered[1].len(), 2);
    let docs: Vec<u32> = t.delivered().iter().map(|d| d.0).collect();
    assert_eq!(docs, vec![0, 1, 2, 3]);
}

#[test]
fn a_timer_with_nothing_finished_hands_nothing_over() {
    let mut t = Test::ready(1);
    t.submit((0..3).map(|d| job(d, 1, "x")).collect());
    t.answer(0);
    t.flush();
    assert_eq!(t.page.delivered.len(), 1);
    t.answer(0);
    t.flush();
    t.flush_if_set();
    assert_eq!(t.page.delivered.len(), 2);
}

#[test]
fn cancelling_a_waiting_job_ends_no_worker() {
    let mut t = Test::ready(1);
    t.submit((0..4).map(|d| job(d, 1, "x")).collect());
    t.cancel(&[3]);
    assert!(t.page.terminated.is_empty());
    assert_eq!(t.s.waiting(), 1);
    t.answer(0);
    t.answer(0);
    t.answer(0);
    t.flush_if_set();
    let got = t.delivered();
    assert_eq!(got[0], (3, 1, Out::Cancelled));
    assert_eq!(got.len(), 4);
}

#[test]
fn cancelling_a_running_job_ends_its_worker_and_its_other_job_runs_first_on_a_new_one() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b"), job(2, 1, "c")]);
    assert_eq!(t.posted(), vec![(0, vec!["a", "b"])]);
    t.cancel(&[0]);
    assert_eq!(t.page.terminated, vec![WorkerId(0)]);
    // The new worker has not answered yet: it takes b alone.
    assert_eq!(t.posted(), vec![(1, vec!["b"])]);
    t.warmed(1);
    assert_eq!(t.posted(), vec![(1, vec!["b", "c"])]);
    t.flush_if_set();
    assert_eq!(t.delivered(), vec![(0, 1, Out::Cancelled)]);
}

#[test]
fn a_stopped_batch_is_handed_over_cancelled_in_one_delivery() {
    let mut t = Test::ready(2);
    t.submit((0..10).map(|d| job(d, 1, "x")).collect());
    t.warmed(1);
    t.cancel(&(0..10).collect::<Vec<_>>());
    assert_eq!(t.page.delivered.len(), 1);
    assert_eq!(t.page.delivered[0].len(), 10);
    assert!(t.page.delivered[0]
        .iter()
        .all(|d| d.outcome == Out::Cancelled));
    assert_eq!(t.s.waiting(), 0);
    // Both workers were running a job of the batch.
    assert_eq!(t.page.terminated.len(), 2);
    assert!(!t.page.timer);
}
