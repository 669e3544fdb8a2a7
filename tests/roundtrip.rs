//! Property tests: random consistent reports of both templates, rendered into six text
//! shapes, come back cell for cell; changing any one cell of tables 3 or 4 gives an
//! error finding that names that cell.

mod support;

use nianbao::{CellState, Report, Severity};
use proptest::prelude::*;
use support::{Shape, Spec, SHAPES};

fn check(text: &str) -> Report {
    nianbao::check_text(text, "generated.txt")
}

fn assert_cells_back(spec: &Spec, shape: Shape, r: &Report) {
    assert_eq!(
        r.meta.template.as_deref(),
        Some(spec.template.id.as_str()),
        "{shape:?}"
    );
    for (key, want) in &spec.cells {
        let cell = r
            .cells
            .get(key)
            .unwrap_or_else(|| panic!("{shape:?}: {key} not found\n{}", spec.render(shape)));
        let got = cell
            .value
            .map(|v| v.0)
            .or((cell.state == CellState::Blank).then_some(0.0));
        assert_eq!(
            got,
            Some(*want),
            "{shape:?}: {key} raw {:?}\n{}",
            cell.raw,
            spec.render(shape)
        );
    }
    assert_eq!(r.cells.len(), spec.cells.len(), "{shape:?}");
}

proptest! {
    // 48 cases in CI; PROPTEST_CASES=2000 for a longer local run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_cell_comes_back_in_every_shape(seed in any::<u64>()) {
        let spec = Spec::random(seed);
        for shape in SHAPES {
            let r = check(&spec.render(shape));
            assert_cells_back(&spec, shape, &r);
            let arith: Vec<_> = r.findings.iter().filter(|f| f.severity == Severity::Error).collect();
            prop_assert!(arith.is_empty(), "{:?}: a consistent report has no error: {:?}", shape, arith);
            prop_assert_eq!(r.meta.year, Some(spec.year));
        }
    }

    #[test]
    fn a_changed_cell_is_named_by_an_error(seed in any::<u64>(), pick in any::<prop::sample::Index>(), delta in 1u32..50) {
        let mut spec = Spec::random(seed);
        let keys: Vec<String> = spec.cells.keys().filter(|k| k.starts_with("t3.") || k.starts_with("t4.")).cloned().collect();
        let key = pick.get(&keys).clone();
        *spec.cells.get_mut(&key).unwrap() += f64::from(delta);
        for shape in SHAPES {
            let r = check(&spec.render(shape));
            let named = r.findings.iter().any(|f| f.severity == Severity::Error && f.cells.contains(&key));
            prop_assert!(named, "{:?}: changing {} by {} must give an error naming it; got {:?}", shape, key, delta, r.findings);
        }
    }
}

/// One fixed report, readable on failure.
#[test]
fn fixed_seed_in_every_shape() {
    let spec = Spec::random(7);
    for shape in SHAPES {
        assert_cells_back(&spec, shape, &check(&spec.render(shape)));
    }
}
