//! Where the page's checks run, decided: a state machine with no browser types, so that
//! `cargo test` runs it (the browser's driver, `web::checker`, only carries out what it
//! says).
//!
//! The page checks every read and check in a Web Worker, so that no file, however
//! hostile, can freeze the tab, and a check that runs too long can be ended (its worker
//! is terminated and a new one started). A reviewer's batch is spread over as many
//! workers as the machine has cores (up to [`MAX_WORKERS`]), [`PER_WORKER`] jobs each,
//! and what they finish is handed over together, a few times a second, so that a
//! thousand reports do not render the page a thousand times. A newer job for a document
//! replaces its older one still waiting. Where no worker can start (a host page's policy
//! forbids it, or the first one fails to load), the jobs run on the page, one at a time.
//!
//! One check may run before it is asked for: a paste's, from its `paste` event
//! ([`Scheduler::answered_early`], [`Scheduler::post_early`]); the job the `input` event
//! then submits takes its answer when it asks for the same input.
//!
//! Each call takes one event (a job submitted, a worker's reply, a worker that died, a
//! check cancelled, the delivery timer) and returns the [`Command`]s the driver carries
//! out, in order. A command the driver cannot carry out comes back as an event
//! ([`Scheduler::start_failed`], [`Scheduler::post_failed`]).

mod scheduler;
#[cfg(test)]
mod tests;

pub use scheduler::Scheduler;

/// The most workers a batch is spread over (each holds its own copy of the checker).
pub const MAX_WORKERS: usize = 4;

/// Jobs a worker is given at once when every worker is busy: the second waits in the
/// worker, so that it does not idle while the page takes in the first one's report.
pub const PER_WORKER: usize = 2;

/// Which document: stays the same while tabs open and close around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// Which worker: a worker started in the place of one that ended has a new id, so that a
/// late reply of the old one is told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkerId(pub u32);

/// Which message posted to a worker (its reply carries the same number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(pub u32);

/// One job: the check of one version (`seq`) of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Job<I> {
    /// The document.
    pub doc: DocId,
    /// Which request of that document this is; a reply to an older one is dropped.
    pub seq: u32,
    /// What to check.
    pub input: I,
}

impl<I> Job<I> {
    /// This job, finished with `outcome`.
    fn done<O>(&self, outcome: O, ms: f64, in_worker: bool, early: bool) -> Done<O> {
        Done {
            doc: self.doc,
            seq: self.seq,
            outcome,
            ms,
            in_worker,
            early,
        }
    }
}

/// What a check can end with besides its own outcome: the scheduler makes these.
pub trait Outcome {
    /// The user ended the check before it finished.
    fn cancelled() -> Self;
    /// The checker failed inside (a trap, or its worker died while checking).
    fn failed() -> Self;
}

/// A finished job, handed over by [`Command::Deliver`].
#[derive(Debug, Clone, PartialEq)]
pub struct Done<O> {
    /// The document.
    pub doc: DocId,
    /// The request it answers.
    pub seq: u32,
    /// What came of it.
    pub outcome: O,
    /// Milliseconds the read and check took.
    pub ms: f64,
    /// Was it checked in a worker (or, where none could start, on the page)?
    pub in_worker: bool,
    /// Did its check start before it was asked for, at a paste event?
    pub early: bool,
}

/// What a worker said of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<O> {
    /// The job's outcome, in `ms` milliseconds.
    Answer {
        /// Its outcome.
        outcome: O,
        /// How long it took in the worker.
        ms: f64,
    },
    /// The check trapped: this worker cannot be trusted any more.
    Broken {
        /// How long it ran.
        ms: f64,
    },
}

/// What the driver does, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum Command<I, O> {
    /// Start a worker under this id (if it cannot, say [`Scheduler::start_failed`]).
    StartWorker(WorkerId),
    /// Post `input` to a worker as `message` (if it refuses, say
    /// [`Scheduler::post_failed`]). A post to a worker whose start failed is left out:
    /// the scheduler has taken its jobs back.
    Post {
        /// The worker.
        worker: WorkerId,
        /// The message's number; what it checks is [`Scheduler::posted`] (the input is
        /// not copied: a paste may be megabytes).
        message: MessageId,
    },
    /// End a worker (the only way to stop WebAssembly that is running); its replies are
    /// no longer wanted.
    Terminate(WorkerId),
    /// Run the job on the page, after the current event, then say
    /// [`Scheduler::page_done`].
    RunOnPage(Job<I>),
    /// Check the warm-up reports on the page once, so that what a first check sets up is
    /// not paid by the user's first paste (a paste is checked on the page).
    WarmUpPage,
    /// No worker runs here: the page checks by itself from now on.
    NoWorkers,
    /// Hand these finished jobs over now.
    Deliver(Vec<Done<O>>),
    /// Call [`Scheduler::flush`] in [`DELIVER_EVERY_MS`], unless a timer is set already.
    DeliverLater,
    /// The timer set by [`Command::DeliverLater`] is not needed any more.
    CancelDelivery,
}

/// While more jobs wait, finished ones are handed over together at most this often:
/// a batch of a thousand reports then renders the page a few dozen times, not a
/// thousand.
pub const DELIVER_EVERY_MS: u32 = 120;
