//! The cross-reference data (ISO 32000-1 §7.5.4, §7.5.8): the `startxref` chain of
//! tables and streams, newest first; and, when it is missing or wrong, the objects found
//! by scanning the file for `n g obj`, as viewers do.

use super::*;

impl PdfFile<'_> {
    /// Follows `startxref` and every `/Prev`, newest first; the newest entry wins.
    pub(super) fn read_xref_chain(&mut self) -> Option<()> {
        let tail = &self.data[self.data.len().saturating_sub(2048)..];
        let at = rfind(tail, b"startxref")?;
        let mut lx = Lexer::new(tail, at + 9);
        let mut offset = lx.next()?.as_i64()? as usize;
        let mut seen = Vec::new();
        let mut first = true;
        while !seen.contains(&offset) && seen.len() < 64 {
            seen.push(offset);
            let trailer = if self.data.get(offset..)?.starts_with(b"xref") {
                self.read_xref_table(offset + 4)?
            } else {
                self.read_xref_stream(offset)?
            };
            // A hybrid file's table points at a stream with the newer objects.
            if let Some(stm) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                self.read_xref_stream(stm as usize);
            }
            let prev = trailer.get(b"Prev").and_then(Obj::as_i64);
            if first {
                self.trailer = trailer;
                first = false;
            }
            match prev {
                Some(p) if p >= 0 => offset = p as usize,
                _ => break,
            }
        }
        Some(())
    }

    fn read_xref_table(&mut self, at: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.data, at);
        let mut xref = self.xref.borrow_mut();
        loop {
            match lx.next()? {
                Obj::Keyword(k) if k == b"trailer" => break,
                Obj::Int(start) => {
                    let count = lx.next()?.as_i64()?;
                    for i in 0..count.clamp(0, 10_000_000) {
                        let off = lx.next()?.as_i64()?;
                        let _gen = lx.next()?;
                        let kind = lx.next()?;
                        let num = (start + i) as u32;
                        if kind == Obj::Keyword(b"n".to_vec()) && off > 0 {
                            xref.entry(num).or_insert(Entry::Offset(off as usize));
                        }
                    }
                }
                _ => return None,
            }
        }
        match lx.next()? {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }

    fn read_xref_stream(&mut self, at: usize) -> Option<Dict> {
        let Stored::Stream { dict, data, .. } = self.parse_at(at)?.1 else {
            return None;
        };
        let bytes = self.decode(&dict, &self.data[data]).ok()?;
        let w: Vec<usize> = dict
            .get(b"W")?
            .as_array()?
            .iter()
            .map(|o| o.as_i64().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        if w.len() < 3 {
            return None;
        }
        let size = dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return None;
        }
        let field = |r: &[u8], from: usize, len: usize, default: u64| -> u64 {
            if len == 0 {
                return default;
            }
            r[from..from + len]
                .iter()
                .fold(0u64, |v, &b| v << 8 | u64::from(b))
        };
        let mut rows = bytes.chunks_exact(row);
        let mut xref = self.xref.borrow_mut();
        for pair in index.chunks_exact(2) {
            for i in 0..pair[1].clamp(0, 10_000_000) {
                let Some(r) = rows.next() else { break };
                let num = (pair[0] + i) as u32;
                let kind = field(r, 0, w[0], 1);
                let b = field(r, w[0], w[1], 0);
                let c = field(r, w[0] + w[1], w[2], 0);
                let entry = match kind {
                    1 => Entry::Offset(b as usize),
                    2 => Entry::InStream {
                        stream: b as u32,
                        index: c as usize,
                    },
                    _ => continue,
                };
                xref.entry(num).or_insert(entry);
            }
        }
        Some(dict)
    }

    /// Rebuilds the cross-reference data by scanning for `n g obj` (the last definition
    /// of a number wins), then adds the contents of object streams.
    pub(super) fn rebuild_xref(&self) {
        self.rebuilt.set(true);
        let data = self.data;
        let mut found: HashMap<u32, Entry> = HashMap::new();
        let mut i = 0;
        while let Some(p) = find(&data[i..], b"obj") {
            let at = i + p;
            i = at + 3;
            if let Some((num, start)) = obj_header_before(data, at) {
                found.insert(num, Entry::Offset(start));
            }
        }
        *self.xref.borrow_mut() = found;
        self.cache.borrow_mut().clear();
        // Objects inside object streams.
        let mut streams: Vec<u32> = self.xref.borrow().keys().copied().collect();
        streams.sort_unstable();
        for num in streams {
            if let Some(stored) = self.stored(num) {
                if let Stored::Stream { dict, .. } = &*stored {
                    if dict.get(b"Type").and_then(Obj::as_name) == Some(b"ObjStm") {
                        if let Some(nums) = self.objstm_numbers(num) {
                            let mut xref = self.xref.borrow_mut();
                            for (index, n) in nums.into_iter().enumerate() {
                                xref.entry(n)
                                    .or_insert(Entry::InStream { stream: num, index });
                            }
                        }
                    }
                }
            }
        }
    }

    /// Rebuilds the cross-reference data and finds the trailer: the last `trailer`
    /// dictionary with a `/Root`, or else the catalog found among the objects.
    pub(super) fn rebuild(&mut self) {
        self.rebuild_xref();
        let data = self.data;
        // The last `trailer` dictionary with a /Root, looking at the last few only:
        // each may run to the end of a damaged file, so trying them all is quadratic.
        let mut trailer = None;
        for at in find_all(data, b"trailer")
            .into_iter()
            .rev()
            .take(MAX_TRAILERS_TRIED)
        {
            if let Some(Obj::Dict(d)) = Lexer::new(data, at + 7).next() {
                if d.get(b"Root").is_some() {
                    trailer = Some(d);
                    break;
                }
            }
        }
        if trailer.is_none() {
            // An xref stream's dictionary, or else the catalog itself.
            let mut nums: Vec<u32> = self.xref.borrow().keys().copied().collect();
            nums.sort_unstable();
            for num in nums {
                match self.stored(num).as_deref() {
                    Some(Stored::Stream { dict, .. })
                        if dict.get(b"Type").and_then(Obj::as_name) == Some(b"XRef")
                            && dict.get(b"Root").is_some() =>
                    {
                        trailer = Some(dict.clone());
                    }
                    Some(Stored::Plain(Obj::Dict(d)))
                        if d.get(b"Type").and_then(Obj::as_name) == Some(b"Catalog")
                            && trailer.is_none() =>
                    {
                        trailer = Some(Dict(vec![(b"Root".to_vec(), Obj::Ref(num, 0))]));
                    }
                    _ => {}
                }
            }
        }
        if let Some(t) = trailer {
            self.trailer = t;
        }
    }
}
