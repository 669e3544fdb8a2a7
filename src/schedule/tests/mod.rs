//! The scheduler driven as the browser drives it, with a fake driver that keeps the
//! workers' state and carries out each command as the page would.

mod early;
mod failures;
mod pool;
mod random;

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

    /// A page whose first worker has started and warmed up, on `cores` cores.
    fn ready(cores: usize) -> Test {
        let mut t = Test::new(cores);
        t.warm_up();
        t.warmed(0);
        t
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
