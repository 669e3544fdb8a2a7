//! The scheduler driven as the browser drives it, with a fake driver that keeps the
//! workers' state and carries out each command as the page would.

use super::*;

#[derive(Debug, Clone, PartialEq)]
enum Out {
    Checked(&'static str),
    Cancelled,
    Failed,
}

impl Outcome for Out {
    fn cancelled() -> Self {
        Out::Cancelled
    }
    fn failed() -> Self {
        Out::Failed
    }
}

type Cmd = Command<&'static str, Out>;

/// The page: the workers it started and the messages each was posted, what ran on the
/// page, what was handed over, and the delivery timer.
#[derive(Default)]
struct Page {
    /// Workers started and not ended, with the messages posted to each, oldest first.
    workers: Vec<(WorkerId, Vec<(MessageId, &'static str)>)>,
    terminated: Vec<WorkerId>,
    on_page: Vec<Job<&'static str>>,
    delivered: Vec<Vec<Done<Out>>>,
    timer: bool,
    warmed_page: usize,
    no_workers: usize,
    /// Workers that will fail to start, messages that will be refused (by worker).
    cannot_start: Vec<WorkerId>,
    refuses: Vec<WorkerId>,
}

struct Test {
    s: Scheduler<&'static str, Out>,
    page: Page,
}

fn job(doc: u32, seq: u32, input: &'static str) -> Job<&'static str> {
    Job {
        doc: DocId(doc),
        seq,
        input,
    }
}

impl Test {
    fn new(cores: usize) -> Test {
        Test {
            s: Scheduler::new(cores),
            page: Page::default(),
        }
    }

    /// Carries out `commands` as the browser's driver does (a post to a worker that is
    /// not there is left out; a failure is told back at once).
    fn run(&mut self, commands: Vec<Cmd>) {
        for command in commands {
            match command {
                Command::StartWorker(id) => {
                    if self.page.cannot_start.contains(&id) {
                        let more = self.s.start_failed(id);
                        self.run(more);
                    } else {
                        self.page.workers.push((id, Vec::new()));
                    }
                }
                Command::Post { worker, message } => {
                    let Some(&input) = self.s.posted(worker, message) else {
                        continue;
                    };
                    if self.page.refuses.contains(&worker) {
                        let more = self.s.post_failed(worker);
                        self.run(more);
                    } else if let Some(w) = self.page.workers.iter_mut().find(|w| w.0 == worker) {
                        w.1.push((message, input));
                    }
                }
                Command::Terminate(id) => {
                    self.page.workers.retain(|w| w.0 != id);
                    self.page.terminated.push(id);
                }
                Command::RunOnPage(job) => self.page.on_page.push(job),
                Command::WarmUpPage => self.page.warmed_page += 1,
                Command::NoWorkers => self.page.no_workers += 1,
                Command::Deliver(done) => self.page.delivered.push(done),
                Command::DeliverLater => {
                    assert!(!self.page.timer, "one timer at a time");
                    self.page.timer = true;
                }
                Command::CancelDelivery => {
                    assert!(self.page.timer, "a timer to cancel");
                    self.page.timer = false;
                }
            }
        }
    }

    fn warm_up(&mut self) {
        let c = self.s.warm_up();
        self.run(c);
    }
    fn submit(&mut self, jobs: Vec<Job<&'static str>>) {
        let c = self.s.submit(jobs);
        self.run(c);
    }
    fn cancel(&mut self, docs: &[u32]) {
        let docs: Vec<DocId> = docs.iter().map(|&d| DocId(d)).collect();
        let c = self.s.cancel(&docs);
        self.run(c);
    }
    fn warmed(&mut self, worker: u32) {
        let c = self.s.warmed_up(WorkerId(worker));
        self.run(c);
    }
    fn died(&mut self, worker: u32) {
        let c = self.s.worker_failed(WorkerId(worker));
        self.run(c);
    }
    fn flush(&mut self) {
        assert!(self.page.timer, "a timer set");
        self.page.timer = false;
        let c = self.s.flush();
        self.run(c);
    }

    /// The worker answers its oldest message not answered yet, checking its input.
    fn answer(&mut self, worker: u32) {
        let (message, input) = self.oldest(worker);
        let c = self.s.replied(
            WorkerId(worker),
            message,
            Reply::Answer {
                outcome: Out::Checked(input),
                ms: 5.0,
            },
        );
        self.run(c);
    }

    /// The worker's oldest message trapped.
    fn trap(&mut self, worker: u32) {
        let (message, _) = self.oldest(worker);
        let c = self
            .s
            .replied(WorkerId(worker), message, Reply::Broken { ms: 1.0 });
        self.run(c);
    }

    fn oldest(&mut self, worker: u32) -> (MessageId, &'static str) {
        let w = self
            .page
            .workers
            .iter_mut()
            .find(|w| w.0 == WorkerId(worker))
            .expect("a running worker");
        assert!(!w.1.is_empty(), "worker {worker} was posted nothing");
        w.1.remove(0)
    }

    /// The job run on the page first is done.
    fn page_done(&mut self) {
        let job = self.page.on_page.remove(0);
        let outcome = Out::Checked(job.input);
        let c = self.s.page_done(job, outcome, 3.0);
        self.run(c);
    }

    /// The inputs posted to each running worker and not answered, by worker.
    fn posted(&self) -> Vec<(u32, Vec<&'static str>)> {
        self.page
            .workers
            .iter()
            .map(|(id, m)| (id.0, m.iter().map(|m| m.1).collect()))
            .collect()
    }

    /// Everything handed over, in order: (doc, seq, outcome).
    fn delivered(&self) -> Vec<(u32, u32, Out)> {
        self.page
            .delivered
            .iter()
            .flatten()
            .map(|d| (d.doc.0, d.seq, d.outcome.clone()))
            .collect()
    }
}

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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(64);
    t.warm_up();
    t.warmed(0);
    t.submit((0..20).map(|d| job(d, 1, "x")).collect());
    assert_eq!(t.s.workers(), MAX_WORKERS);
}

#[test]
fn a_newer_job_replaces_the_waiting_one_of_its_document() {
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
    t.submit(vec![job(0, 1, "a")]);
    t.answer(0);
    assert_eq!(t.page.delivered.len(), 1);
    assert!(!t.page.timer);
}

#[test]
fn a_batch_is_handed_over_together_by_the_timer() {
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
    t.submit((0..3).map(|d| job(d, 1, "x")).collect());
    t.answer(0);
    t.flush();
    assert_eq!(t.page.delivered.len(), 1);
    t.answer(0);
    t.flush();
    t.flush_if_set();
    assert_eq!(t.page.delivered.len(), 2);
}

impl Test {
    fn flush_if_set(&mut self) {
        if self.page.timer {
            self.flush();
        } else {
            let c = self.s.flush();
            assert!(c.is_empty(), "nothing finished, nothing handed over");
        }
    }
}

#[test]
fn cancelling_a_waiting_job_ends_no_worker() {
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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

#[test]
fn a_paste_checked_on_the_page_answers_its_job_without_a_worker() {
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
    let c = t.s.post_early("large");
    t.run(c);
    t.answer(0);
    assert!(t.page.delivered.is_empty(), "not asked for yet");
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.delivered(), vec![(0, 1, Out::Checked("large"))]);
}

#[test]
fn an_early_check_whose_worker_died_runs_as_any_other_job() {
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
    let c = t.s.post_early("large");
    t.run(c);
    t.died(0);
    assert!(t.page.delivered.is_empty(), "no job was running");
    t.submit(vec![job(0, 1, "large")]);
    assert_eq!(t.posted(), vec![(1, vec!["large"])]);
}

#[test]
fn an_early_check_that_trapped_leaves_its_job_to_run_anew() {
    let mut t = Test::new(2);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(1);
    t.warm_up();
    t.warmed(0);
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
    let mut t = Test::new(4);
    t.warm_up();
    t.warmed(0);
    t.submit((0..8).map(|d| job(d, 1, "x")).collect());
    t.warmed(1);
    t.warmed(2);
    t.warmed(3);
    assert_eq!(t.page.warmed_page, 1);
    assert_eq!(t.page.no_workers, 0);
}

/// Random events against one rule that holds whatever happens: every job submitted and
/// not replaced by a newer one of its document is handed over exactly once (checked,
/// cancelled or failed), and nothing is handed over twice.
#[test]
fn every_job_is_handed_over_once_whatever_happens() {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for _ in 0..300 {
        let mut t = Test::new(1 + next(4) as usize);
        let mut seq = std::collections::HashMap::<u32, u32>::new();
        if next(2) == 0 {
            t.warm_up();
        }
        for _ in 0..60 {
            let worker_ids: Vec<u32> = t.page.workers.iter().map(|w| w.0 .0).collect();
            let any_worker = |n: u64| {
                worker_ids
                    .get(n as usize % worker_ids.len().max(1))
                    .copied()
            };
            match next(9) {
                0 | 1 => {
                    let jobs = (0..1 + next(5))
                        .map(|_| {
                            let doc = next(6) as u32;
                            let s = seq.entry(doc).or_insert(0);
                            *s += 1;
                            job(doc, *s, "x")
                        })
                        .collect::<Vec<_>>();
                    // One job a document in one submission, as the page submits.
                    let mut seen = std::collections::HashSet::new();
                    let jobs = jobs
                        .into_iter()
                        .rev()
                        .filter(|j| seen.insert(j.doc))
                        .collect();
                    t.submit(jobs);
                }
                2 | 3 => {
                    let pick = next(100);
                    if let Some(w) = any_worker(pick) {
                        if t.page
                            .workers
                            .iter()
                            .any(|x| x.0 .0 == w && !x.1.is_empty())
                        {
                            t.answer(w);
                        } else {
                            t.warmed(w);
                        }
                    }
                }
                4 => {
                    if !t.page.on_page.is_empty() {
                        t.page_done();
                    }
                }
                5 => {
                    let docs: Vec<u32> = (0..next(3)).map(|_| next(6) as u32).collect();
                    t.cancel(&docs);
                }
                6 => {
                    if let Some(w) = any_worker(next(100)) {
                        if next(4) == 0 {
                            t.died(w);
                        } else if t
                            .page
                            .workers
                            .iter()
                            .any(|x| x.0 .0 == w && !x.1.is_empty())
                        {
                            t.trap(w);
                        }
                    }
                }
                7 => {
                    if t.page.timer {
                        t.flush();
                    }
                }
                _ => {
                    let c = t.s.post_early("x");
                    t.run(c);
                }
            }
        }
        // Then every worker answers, the page finishes, the timer goes off.
        for _ in 0..1000 {
            let busy = t
                .page
                .workers
                .iter()
                .find(|w| !w.1.is_empty())
                .map(|w| w.0 .0);
            if let Some(w) = busy {
                t.answer(w);
            } else if let Some(w) = t
                .page
                .workers
                .iter()
                .find(|_| t.s.waiting() > 0)
                .map(|w| w.0 .0)
            {
                t.warmed(w);
            } else if !t.page.on_page.is_empty() {
                t.page_done();
            } else if t.page.timer {
                t.flush();
            } else {
                break;
            }
        }
        assert_eq!(t.s.waiting(), 0, "nothing left waiting");
        let mut handed = std::collections::HashMap::<u32, Vec<u32>>::new();
        for (doc, s, _) in t.delivered() {
            handed.entry(doc).or_default().push(s);
        }
        for (doc, last) in &seq {
            let mut got = handed.get(doc).cloned().unwrap_or_default();
            assert!(
                got.contains(last),
                "doc {doc}'s last job {last} was handed over: {got:?}"
            );
            // (Not in order: a newer job may finish on another worker first; the page
            // drops the older reply.)
            got.sort();
            let n = got.len();
            got.dedup();
            assert_eq!(got.len(), n, "doc {doc}: each job once: {got:?}");
        }
    }
}
