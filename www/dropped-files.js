// The files of a drop, dropped folders walked: a reviewer drags in the folder their
// reports came in. The entries must be taken while the drop event lasts, so this is
// called from its handler. Returns null when no folder was dropped (the caller takes
// the drop's own file list), else a promise of [{ path, file }], in folder order,
// at most MAX_FILES and MAX_DEPTH folders deep (links that loop end there).
const MAX_FILES = 5000;
const MAX_DEPTH = 32;

export function droppedFiles(dataTransfer) {
  const entries = [];
  for (const item of Array.from(dataTransfer.items || [])) {
    const entry = item.kind === 'file' && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  if (!entries.some((e) => e.isDirectory)) return null;
  const out = [];
  const visit = async (entry, depth) => {
    if (out.length >= MAX_FILES) return;
    if (entry.isFile) {
      const file = await new Promise((resolve) => entry.file(resolve, () => resolve(null)));
      if (file) out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    } else if (entry.isDirectory && depth < MAX_DEPTH) {
      const reader = entry.createReader();
      // readEntries gives a folder's entries a hundred or so at a time, until none.
      for (;;) {
        const batch = await new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
        if (!batch.length) break;
        batch.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const e of batch) await visit(e, depth + 1);
      }
    }
  };
  return (async () => {
    for (const e of entries) await visit(e, 0);
    return out;
  })();
}
