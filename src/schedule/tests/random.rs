//! Random events against what must hold whatever happens.

use super::*;

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
