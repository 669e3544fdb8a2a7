//! Workers that cannot start, die or trap; the page checking by itself.

use super::*;

#[test]
fn a_first_worker_that_fails_to_load_sends_every_job_to_the_page_one_at_a_time() {
    let mut t = Test::new(4);
    t.warm_up();
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b")]);
    t.died(0);
    assert!(t.s.on_page());
    assert_eq!(t.page.no_workers, 1);
    assert_eq!(t.page.warmed_page, 1);
    assert_eq!(t.page.on_page.len(), 1, "one at a time");
    assert_eq!(t.page.on_page[0].input, "a", "the job it held runs first");
    t.page_done();
    assert_eq!(t.page.on_page[0].input, "b");
    t.page_done();
    assert_eq!(
        t.delivered(),
        vec![(0, 1, Out::Checked("a")), (1, 1, Out::Checked("b"))]
    );
    assert!(t.page.delivered.iter().flatten().all(|d| !d.in_worker));
    // And it stays so.
    t.submit(vec![job(2, 1, "c")]);
    assert_eq!(t.page.on_page.len(), 1);
    assert_eq!(t.s.workers(), 0);
}

#[test]
fn a_first_worker_that_fails_while_warming_up_tells_the_page_at_once() {
    let mut t = Test::new(4);
    t.warm_up();
    t.died(0);
    assert_eq!(t.page.no_workers, 1);
    assert!(t.s.on_page());
}

#[test]
fn a_worker_that_dies_mid_batch_fails_its_job_and_its_waiting_one_runs_elsewhere() {
    let mut t = Test::ready(2);
    t.submit((0..4).map(|d| job(d, 1, "x")).collect());
    t.warmed(1);
    assert_eq!(
        t.posted().iter().map(|w| w.1.len()).collect::<Vec<_>>(),
        vec![2, 2]
    );
    t.died(0);
    assert!(!t.s.on_page(), "workers run here: one died");
    // Its waiting job went back and a new worker was started for it.
    assert_eq!(t.s.workers(), 2);
    let posted = t.posted();
    assert_eq!(posted[0].0, 1);
    assert_eq!(posted[1], (2, vec!["x"]));
    t.flush_if_set();
    assert_eq!(t.delivered(), vec![(0, 1, Out::Failed)]);
}

#[test]
fn a_trap_fails_its_job_and_ends_the_worker() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "bad"), job(1, 1, "good")]);
    t.trap(0);
    assert_eq!(t.page.terminated, vec![WorkerId(0)]);
    assert_eq!(t.posted(), vec![(1, vec!["good"])]);
    t.warmed(1);
    t.answer(1);
    t.flush_if_set();
    assert_eq!(
        t.delivered(),
        vec![(0, 1, Out::Failed), (1, 1, Out::Checked("good"))]
    );
}

#[test]
fn a_reply_of_an_ended_worker_is_dropped() {
    let mut t = Test::ready(1);
    t.submit(vec![job(0, 1, "a")]);
    let (message, _) = t.page.workers[0].1[0];
    t.cancel(&[0]);
    let c = t.s.replied(
        WorkerId(0),
        message,
        Reply::Answer {
            outcome: Out::Checked("a"),
            ms: 1.0,
        },
    );
    assert!(c.is_empty());
    assert_eq!(t.delivered(), vec![(0, 1, Out::Cancelled)]);
}

#[test]
fn a_worker_that_cannot_start_sends_the_checks_to_the_page() {
    let mut t = Test::new(4);
    t.page.cannot_start.push(WorkerId(0));
    t.submit(vec![job(0, 1, "a")]);
    assert!(t.s.on_page());
    assert_eq!(t.page.no_workers, 1);
    assert_eq!(t.page.on_page.len(), 1);
    assert!(t.page.workers.is_empty());
}

#[test]
fn a_second_worker_that_cannot_start_leaves_the_batch_to_the_first() {
    let mut t = Test::new(4);
    t.page.cannot_start.extend((1..10).map(WorkerId));
    t.warm_up();
    t.warmed(0);
    t.submit((0..5).map(|d| job(d, 1, "x")).collect());
    assert!(!t.s.on_page());
    assert_eq!(t.s.workers(), 1, "no worker is tried again");
    assert_eq!(t.posted(), vec![(0, vec!["x", "x"])]);
    assert_eq!(t.s.waiting(), 3);
    for _ in 0..5 {
        t.answer(0);
    }
    t.flush_if_set();
    assert_eq!(t.delivered().len(), 5);
}

#[test]
fn a_refused_message_sends_it_and_the_rest_to_the_page() {
    let mut t = Test::new(1);
    t.page.refuses.push(WorkerId(0));
    t.warm_up();
    t.warmed(0);
    t.submit(vec![job(0, 1, "a"), job(1, 1, "b")]);
    assert!(t.s.on_page());
    assert_eq!(t.page.terminated, vec![WorkerId(0)]);
    assert_eq!(t.page.on_page.len(), 1);
    t.page_done();
    t.page_done();
    let mut docs: Vec<u32> = t.delivered().iter().map(|d| d.0).collect();
    docs.sort();
    assert_eq!(docs, vec![0, 1]);
}
