//! The samples offered by the 示例 menu: the corpus's real reports and two synthetic
//! ones with planted mistakes. Their texts are not in the page's first load: they are
//! `samples.json` beside the page (written from the files named here by
//! `scripts/build-samples`; the offline file inlines it), loaded by `www/samples.js`
//! when the menu is first used.

/// A sample: the label shown in the menu, and its file in the repository (its name is
/// its key in `samples.json`).
pub type Sample = (&'static str, &'static str);

/// The menu's samples.
pub const SAMPLES: [Sample; 7] = [
    (
        "临清市烟店镇（2020，逐格粘贴）",
        "tests/fixtures/corpus/000_05aca1268dbb5a45.txt",
    ),
    (
        "建宁县均口镇（2020，PDF复制，表三截断）",
        "tests/fixtures/corpus/001_e5a8dc90a2ee1929.txt",
    ),
    (
        "莱州市金城镇（2020，PDF复制，跨页）",
        "tests/fixtures/corpus/002_7f8cb9d4cf28011f.txt",
    ),
    (
        "桐柏县吴城镇（标题年度有误）",
        "tests/fixtures/corpus/003_12bbc16d07ceb1d3.txt",
    ),
    (
        "嘉兴秀洲区油车港镇（2020，逐格粘贴）",
        "tests/fixtures/corpus/004_1feac183b5673ebd.txt",
    ),
    (
        "示例：正文与表格不一致（2019）",
        "tests/fixtures/corpus/synthetic/c005.pandoc-plain.txt",
    ),
    (
        "示例：2023年度部门报告（2021格式）",
        "tests/fixtures/corpus/synthetic/c008.word-txt.txt",
    ),
];

/// A sample's key in `samples.json`: its file name.
pub fn key(sample: &Sample) -> &'static str {
    sample.1.rsplit('/').next().unwrap_or(sample.1)
}

/// What the checking worker checks when it starts, to warm its code up
/// ([`super::worker::warm_up_jobs`]), bundled: a report of each template (the menu's
/// last two), as (file name, text).
pub const WARM_UP: [(&str, &str); 2] = [
    (
        "c005.pandoc-plain.txt",
        include_str!("../../tests/fixtures/corpus/synthetic/c005.pandoc-plain.txt"),
    ),
    (
        "c008.word-txt.txt",
        include_str!("../../tests/fixtures/corpus/synthetic/c008.word-txt.txt"),
    ),
];
