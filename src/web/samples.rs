//! The samples offered by the 示例 menu: the corpus's real reports and two synthetic
//! ones with planted mistakes, bundled into the page.

/// Label shown in the menu, file name, and text.
pub type Sample = (&'static str, &'static str, &'static str);

/// The menu's samples.
pub const SAMPLES: [Sample; 7] = [
    (
        "临清市烟店镇（2020，逐格粘贴）",
        "000_05aca1268dbb5a45.txt",
        include_str!("../../tests/fixtures/corpus/000_05aca1268dbb5a45.txt"),
    ),
    (
        "建宁县均口镇（2020，PDF复制，表三截断）",
        "001_e5a8dc90a2ee1929.txt",
        include_str!("../../tests/fixtures/corpus/001_e5a8dc90a2ee1929.txt"),
    ),
    (
        "莱州市金城镇（2020，PDF复制，跨页）",
        "002_7f8cb9d4cf28011f.txt",
        include_str!("../../tests/fixtures/corpus/002_7f8cb9d4cf28011f.txt"),
    ),
    (
        "桐柏县吴城镇（标题年度有误）",
        "003_12bbc16d07ceb1d3.txt",
        include_str!("../../tests/fixtures/corpus/003_12bbc16d07ceb1d3.txt"),
    ),
    (
        "嘉兴秀洲区油车港镇（2020，逐格粘贴）",
        "004_1feac183b5673ebd.txt",
        include_str!("../../tests/fixtures/corpus/004_1feac183b5673ebd.txt"),
    ),
    (
        "示例：正文与表格不一致（2019）",
        "c005.pandoc-plain.txt",
        include_str!("../../tests/fixtures/corpus/synthetic/c005.pandoc-plain.txt"),
    ),
    (
        "示例：2023年度部门报告（2021格式）",
        "c008.word-txt.txt",
        include_str!("../../tests/fixtures/corpus/synthetic/c008.word-txt.txt"),
    ),
];

/// What the checking worker checks when it starts, to warm its code up
/// ([`super::worker::warm_up`]): a report of each template.
pub const WARM_UP: [Sample; 2] = [SAMPLES[5], SAMPLES[6]];
