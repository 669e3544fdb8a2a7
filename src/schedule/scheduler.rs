//! The scheduler's state and its transitions: one method an event, each returning the
//! commands the driver carries out.

use super::{
    Command, DocId, Done, Job, MessageId, Outcome, Reply, WorkerId, MAX_WORKERS, PER_WORKER,
};
use std::collections::{HashMap, HashSet, VecDeque};

/// A job sent to a worker.
#[derive(Debug)]
struct Running<I> {
    message: MessageId,
    /// The job, kept to run it again (elsewhere) if its worker is ended or cannot start.
    job: Job<I>,
    /// It was posted ahead of the job, from a paste event.
    early: bool,
}

/// One worker, running one job, with at most [`PER_WORKER`] − 1 more waiting in it.
#[derive(Debug)]
struct Worker<I> {
    id: WorkerId,
    /// The worker has answered at least once (so workers can start here).
    answered: bool,
    /// Its jobs, oldest (the one running) first.
    running: VecDeque<Running<I>>,
}

/// A check started ahead of its job, from a paste event.
#[derive(Debug)]
struct Early<I, O> {
    /// What it checks: the job that asks for exactly this takes its answer.
    input: I,
    answer: EarlyAnswer<O>,
}

/// Where an early check is.
#[derive(Debug)]
enum EarlyAnswer<O> {
    /// Running: posted as `message` to `worker`.
    Posted {
        message: MessageId,
        worker: WorkerId,
    },
    /// Answered, in `ms` milliseconds, in a worker or on the page.
    Answered {
        outcome: O,
        ms: f64,
        in_worker: bool,
    },
}

/// The page's checking: which job waits, which runs where, what is handed over when.
#[derive(Debug)]
pub struct Scheduler<I, O> {
    workers: Vec<Worker<I>>,
    /// The most workers to run: the machine's cores within [`MAX_WORKERS`], lowered to
    /// those running when one more could not start.
    most_workers: usize,
    /// No worker can start here: run on the page.
    on_page: bool,
    /// A job is running on the page.
    page_busy: bool,
    queue: VecDeque<Job<I>>,
    submitted: HashMap<DocId, u32>,
    next_message: u32,
    next_worker: u32,
    early: Option<Early<I, O>>,
    /// The page has checked the warm-up reports itself ([`Command::WarmUpPage`]).
    page_warmed: bool,
    /// Finished jobs not handed over yet, and whether a timer will.
    ready: Vec<Done<O>>,
    delivery_set: bool,
}

/// Commands being gathered by one call.
type Commands<I, O> = Vec<Command<I, O>>;

impl<I: PartialEq, O: Outcome> Scheduler<I, O> {
    /// A scheduler for a machine with `cores` cores.
    pub fn new(cores: usize) -> Self {
        Scheduler {
            workers: Vec::new(),
            most_workers: cores.clamp(1, MAX_WORKERS),
            on_page: false,
            page_busy: false,
            queue: VecDeque::new(),
            submitted: HashMap::new(),
            next_message: 0,
            next_worker: 0,
            early: None,
            page_warmed: false,
            ready: Vec::new(),
            delivery_set: false,
        }
    }

    /// What `message` to `worker` checks ([`Command::Post`]); `None` once the scheduler
    /// has taken the job back (its worker could not start, or ended in the meantime),
    /// and the post is left out.
    pub fn posted(&self, worker: WorkerId, message: MessageId) -> Option<&I> {
        let w = &self.workers[self.index_of(worker)?];
        if let Some(r) = w.running.iter().find(|r| r.message == message) {
            return Some(&r.job.input);
        }
        match &self.early {
            Some(Early {
                input,
                answer:
                    EarlyAnswer::Posted {
                        message: m,
                        worker: w,
                    },
            }) if (*m, *w) == (message, worker) => Some(input),
            _ => None,
        }
    }

    /// Has request `seq` of `doc` been submitted already?
    pub fn submitted(&self, doc: DocId, seq: u32) -> bool {
        self.submitted.get(&doc) == Some(&seq)
    }

    /// Are the checks run on the page (no worker can start here)?
    pub fn on_page(&self) -> bool {
        self.on_page
    }

    /// Jobs waiting for a worker (or the page).
    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// Workers started and not ended.
    pub fn workers(&self) -> usize {
        self.workers.len()
    }

    /// Starts the first worker now, so that the first check does not wait for it.
    pub fn warm_up(&mut self) -> Commands<I, O> {
        let mut out = Vec::new();
        if !self.on_page && self.workers.is_empty() {
            self.start_worker(&mut out);
        }
        out
    }

    /// A paste's text was checked on the page at its `paste` event: the job that asks
    /// for `input` next takes this answer.
    pub fn answered_early(&mut self, input: I, outcome: O, ms: f64) {
        self.early = Some(Early {
            input,
            answer: EarlyAnswer::Answered {
                outcome,
                ms,
                in_worker: false,
            },
        });
    }

    /// A paste too large to check on the page at its `paste` event: posted now to an idle
    /// worker, if one is started and nothing waits (else it is checked when asked for).
    pub fn post_early(&mut self, input: I) -> Commands<I, O> {
        self.early = None;
        let mut out = Vec::new();
        if self.on_page || !self.queue.is_empty() {
            return out;
        }
        let Some(w) = self.workers.iter().position(|w| w.running.is_empty()) else {
            return out;
        };
        let message = self.message_id();
        let worker = self.workers[w].id;
        out.push(Command::Post { worker, message });
        self.early = Some(Early {
            input,
            answer: EarlyAnswer::Posted { message, worker },
        });
        out
    }

    /// Queues jobs, each replacing one of the same document still waiting. A batch's
    /// thousands come together: the queue is gone through once for all of them.
    pub fn submit(&mut self, jobs: Vec<Job<I>>) -> Commands<I, O> {
        let mut out = Vec::new();
        self.submit_into(jobs, &mut out);
        out
    }

    fn submit_into(&mut self, mut jobs: Vec<Job<I>>, out: &mut Commands<I, O>) {
        if let Some(early) = self.early.take() {
            match jobs.iter().position(|job| job.input == early.input) {
                Some(i) => {
                    let job = jobs.remove(i);
                    self.submitted.insert(job.doc, job.seq);
                    self.take_early(early, job, out);
                }
                // Asked for something else, the early answer may serve the next job...
                None => self.early = Some(early),
            }
            // ...but asked for anything else too, it no longer serves.
            if !jobs.is_empty() {
                self.early = None;
            }
        }
        if jobs.is_empty() {
            return;
        }
        let docs: HashSet<DocId> = jobs.iter().map(|j| j.doc).collect();
        self.queue.retain(|queued| !docs.contains(&queued.doc));
        for job in jobs {
            self.submitted.insert(job.doc, job.seq);
            self.queue.push_back(job);
        }
        self.pump(out);
    }

    /// `job` asks for what `early` checks: its answer is `job`'s, now if it has come,
    /// else when it comes (the job runs in `early`'s worker as if posted there).
    fn take_early(&mut self, early: Early<I, O>, job: Job<I>, out: &mut Commands<I, O>) {
        match early.answer {
            EarlyAnswer::Answered {
                outcome,
                ms,
                in_worker,
            } => {
                self.finished(job.done(outcome, ms, in_worker, true), out);
                self.pump(out);
            }
            EarlyAnswer::Posted { message, worker } => {
                match self.workers.iter_mut().find(|w| w.id == worker) {
                    Some(w) => w.running.push_back(Running {
                        message,
                        job,
                        early: true,
                    }),
                    // Its worker ended in between: the job runs as any other.
                    None => self.submit_into(vec![job], out),
                }
            }
        }
    }

    /// Ends the checks of `docs` (one document's, or a stopped batch's): a waiting job
    /// is dropped; a running one's worker is terminated and a new one takes the jobs
    /// still waiting. Each is handed over as cancelled, all of them together.
    pub fn cancel(&mut self, docs: &[DocId]) -> Commands<I, O> {
        let mut out = Vec::new();
        // A batch stops thousands at once: looked up in a set, handed over together.
        let docs: HashSet<DocId> = docs.iter().copied().collect();
        let mut cancelled: Vec<(DocId, u32)> = Vec::new();
        // The waiting ones first, so that ending a worker does not start them elsewhere.
        self.queue.retain(|job| {
            let ends = docs.contains(&job.doc);
            if ends {
                cancelled.push((job.doc, job.seq));
            }
            !ends
        });
        let (ending, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.workers)
            .into_iter()
            .partition(|w| w.running.iter().any(|r| docs.contains(&r.job.doc)));
        self.workers = kept;
        for mut worker in ending {
            worker.running.retain(|r| {
                let ends = docs.contains(&r.job.doc);
                if ends {
                    cancelled.push((r.job.doc, r.job.seq));
                }
                !ends
            });
            // A job in the same worker that was not asked to end runs again first.
            self.end_worker(worker, &mut out);
        }
        let mut cancelled = cancelled.into_iter().map(|(doc, seq)| Done {
            doc,
            seq,
            outcome: O::cancelled(),
            ms: 0.0,
            in_worker: true,
            early: false,
        });
        // All but the last wait with the finished ones; the last hands them all over.
        if let Some(last) = cancelled.next_back() {
            self.ready.extend(cancelled);
            self.finished(last, &mut out);
        }
        self.pump(&mut out);
        out
    }

    /// The timer set by [`Command::DeliverLater`] went off: what finished meanwhile is
    /// handed over.
    pub fn flush(&mut self) -> Commands<I, O> {
        self.delivery_set = false;
        if self.ready.is_empty() {
            return Vec::new();
        }
        vec![Command::Deliver(std::mem::take(&mut self.ready))]
    }

    /// A worker's first reply, to the warm-up it is given when it starts: workers can run
    /// here, and more may start.
    pub fn warmed_up(&mut self, worker: WorkerId) -> Commands<I, O> {
        let mut out = Vec::new();
        let Some(w) = self.workers.iter_mut().find(|w| w.id == worker) else {
            return out; // a worker already ended
        };
        w.answered = true;
        self.warm_up_page(&mut out);
        self.pump(&mut out);
        out
    }

    /// A worker replied to `message`.
    pub fn replied(
        &mut self,
        worker: WorkerId,
        message: MessageId,
        reply: Reply<O>,
    ) -> Commands<I, O> {
        let mut out = Vec::new();
        let Some(w) = self.index_of(worker) else {
            return out; // a worker already ended
        };
        self.workers[w].answered = true;
        let broken = matches!(reply, Reply::Broken { .. });
        let Some(at) = self.workers[w]
            .running
            .iter()
            .position(|r| r.message == message)
        else {
            // An early check, its job not submitted yet: kept for it (a trap leaves
            // nothing to keep; the job then runs as any other).
            let posted = matches!(self.early, Some(Early { answer: EarlyAnswer::Posted { message: m, .. }, .. }) if m == message);
            if posted {
                match reply {
                    Reply::Broken { .. } => {
                        self.early = None;
                        let worker = self.workers.remove(w);
                        self.end_worker(worker, &mut out);
                        self.pump(&mut out);
                    }
                    Reply::Answer { outcome, ms } => {
                        if let Some(early) = self.early.as_mut() {
                            early.answer = EarlyAnswer::Answered {
                                outcome,
                                ms,
                                in_worker: true,
                            };
                        }
                    }
                }
            }
            return out;
        };
        let running = self.workers[w].running.remove(at).expect("found");
        if broken {
            // A trap: this instance cannot be trusted any more; its other job, and the
            // next ones, go to another.
            let worker = self.workers.remove(w);
            self.end_worker(worker, &mut out);
        }
        let (outcome, ms) = match reply {
            Reply::Answer { outcome, ms } => (outcome, ms),
            Reply::Broken { ms } => (O::failed(), ms),
        };
        self.finished(running.job.done(outcome, ms, true, running.early), &mut out);
        self.pump(&mut out);
        out
    }

    /// A worker failed to load or died: before any worker ever answered, this page
    /// cannot run workers, so the jobs run on the page; after, the job it was running is
    /// reported failed and the one waiting in it runs again elsewhere.
    pub fn worker_failed(&mut self, worker: WorkerId) -> Commands<I, O> {
        let mut out = Vec::new();
        let Some(w) = self.index_of(worker) else {
            return out;
        };
        let mut worker = self.workers.remove(w);
        let any_answered = worker.answered || self.workers.iter().any(|w| w.answered);
        let running = worker.running.pop_front().map(|r| r.job);
        self.end_worker(worker, &mut out);
        if any_answered {
            if let Some(job) = running {
                self.finished(job.done(O::failed(), 0.0, true, false), &mut out);
            }
        } else {
            // Even with no job yet (the first worker failed while warming up): the page
            // then knows at once that it checks by itself, and is ready.
            self.run_on_page_from_now(&mut out);
            if let Some(job) = running {
                self.queue.push_front(job);
            }
        }
        self.pump(&mut out);
        out
    }

    /// The driver could not start `worker` ([`Command::StartWorker`]): its jobs go back to
    /// the front of the queue; where it was the only one, the page checks by itself, else
    /// no more workers are started.
    pub fn start_failed(&mut self, worker: WorkerId) -> Commands<I, O> {
        let mut out = Vec::new();
        let Some(w) = self.index_of(worker) else {
            return out;
        };
        let failed = self.workers.remove(w);
        // Never started: nothing to terminate.
        self.take_back(failed);
        if self.workers.is_empty() {
            self.run_on_page_from_now(&mut out);
        } else {
            self.most_workers = self.workers.len();
        }
        self.pump(&mut out);
        out
    }

    /// A worker refused a message ([`Command::Post`]): this job, and the rest, run on the
    /// page.
    pub fn post_failed(&mut self, worker: WorkerId) -> Commands<I, O> {
        let mut out = Vec::new();
        if self.index_of(worker).is_none() {
            return out;
        }
        self.run_on_page_from_now(&mut out);
        self.pump(&mut out);
        out
    }

    /// A job run on the page ([`Command::RunOnPage`]) is done.
    pub fn page_done(&mut self, job: Job<I>, outcome: O, ms: f64) -> Commands<I, O> {
        let mut out = Vec::new();
        self.page_busy = false;
        self.finished(job.done(outcome, ms, false, false), &mut out);
        self.pump(&mut out);
        out
    }

    /// Where `worker` is among the workers, unless it has ended.
    fn index_of(&self, worker: WorkerId) -> Option<usize> {
        self.workers.iter().position(|w| w.id == worker)
    }

    fn message_id(&mut self) -> MessageId {
        let id = MessageId(self.next_message);
        self.next_message += 1;
        id
    }

    fn start_worker(&mut self, out: &mut Commands<I, O>) -> usize {
        let id = WorkerId(self.next_worker);
        self.next_worker += 1;
        self.workers.push(Worker {
            id,
            answered: false,
            running: VecDeque::new(),
        });
        out.push(Command::StartWorker(id));
        self.workers.len() - 1
    }

    /// An early check posted to `worker` will not be answered.
    fn drop_early_of(&mut self, worker: WorkerId) {
        if matches!(self.early, Some(Early { answer: EarlyAnswer::Posted { worker: w, .. }, .. }) if w == worker)
        {
            self.early = None;
        }
    }

    /// Ends a worker (terminated; its jobs taken back).
    fn end_worker(&mut self, worker: Worker<I>, out: &mut Commands<I, O>) {
        out.push(Command::Terminate(worker.id));
        self.take_back(worker);
    }

    /// The jobs of a worker that is gone go back to the front of the queue, in their
    /// order; an early check posted to it will not be answered.
    fn take_back(&mut self, worker: Worker<I>) {
        self.drop_early_of(worker.id);
        for r in worker.running.into_iter().rev() {
            self.queue.push_front(r.job);
        }
    }

    /// No worker can run here after all: every worker ends, and its jobs and the rest run
    /// on the page.
    fn run_on_page_from_now(&mut self, out: &mut Commands<I, O>) {
        for worker in std::mem::take(&mut self.workers) {
            self.end_worker(worker, out);
        }
        self.on_page = true;
        self.warm_up_page(out);
        out.push(Command::NoWorkers);
    }

    /// A paste is checked on the page at its `paste` event: the page checks the warm-up
    /// reports once too, when the first worker has warmed up (it has compiled the code
    /// they share) or when it is known that no worker runs here.
    fn warm_up_page(&mut self, out: &mut Commands<I, O>) {
        if !self.page_warmed {
            self.page_warmed = true;
            out.push(Command::WarmUpPage);
        }
    }

    fn busy(&self) -> bool {
        self.page_busy || self.workers.iter().any(|w| !w.running.is_empty())
    }

    /// Hands `done` over: at once when nothing else is waiting or running, else with
    /// the others finished by the next delivery.
    fn finished(&mut self, done: Done<O>, out: &mut Commands<I, O>) {
        self.ready.push(done);
        if self.queue.is_empty() && !self.busy() {
            if self.delivery_set {
                self.delivery_set = false;
                out.push(Command::CancelDelivery);
            }
            out.push(Command::Deliver(std::mem::take(&mut self.ready)));
        } else if !self.delivery_set {
            self.delivery_set = true;
            out.push(Command::DeliverLater);
        }
    }

    /// A worker that has started and can take one more job, the least busy.
    fn least_busy(&self) -> Option<usize> {
        (0..self.workers.len())
            .filter(|&i| self.workers[i].answered && self.workers[i].running.len() < PER_WORKER)
            .min_by_key(|&i| self.workers[i].running.len())
    }

    /// Starts waiting jobs on idle workers, starting more workers (up to the machine's
    /// cores) while jobs still wait.
    fn pump(&mut self, out: &mut Commands<I, O>) {
        while !self.queue.is_empty() {
            if self.on_page {
                if !self.page_busy {
                    let job = self.queue.pop_front().expect("not empty");
                    self.page_busy = true;
                    out.push(Command::RunOnPage(job));
                }
                return;
            }
            let idle = self.workers.iter().position(|w| w.running.is_empty());
            let w = match idle {
                Some(i) => i,
                None if self.workers.len() < self.most_workers
                    // More workers only once the first has shown it can start here.
                    && (self.workers.is_empty() || self.workers.iter().any(|w| w.answered)) =>
                {
                    self.start_worker(out)
                }
                None => match self.least_busy() {
                    Some(i) => i,
                    None => return,
                },
            };
            let job = self.queue.pop_front().expect("not empty");
            let message = self.message_id();
            out.push(Command::Post {
                worker: self.workers[w].id,
                message,
            });
            self.workers[w].running.push_back(Running {
                message,
                job,
                early: false,
            });
        }
    }
}
