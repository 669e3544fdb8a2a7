// The 示例 menu's texts, loaded the first time it is used, so that the page's first load
// does not carry them: samples.json beside the page (written by scripts/build-samples
// from the files src/web/samples.rs names), or the offline file's inlined copy.
let samples = null;

const UNAVAILABLE = '未能载入示例（samples.json），请确认该文件与页面一同部署';

// Resolves to the text of the sample saved as `name`, or rejects with a Chinese message.
export function loadSample(name) {
  if (!samples) {
    const inlined = document.getElementById('nianbao-samples');
    samples = inlined
      ? Promise.resolve(JSON.parse(inlined.textContent))
      : fetch(new URL('samples.json', document.baseURI)).then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      });
    samples.catch(() => { samples = null; });
  }
  return samples.then(
    (all) => (typeof all[name] === 'string' ? all[name] : Promise.reject(UNAVAILABLE)),
    () => Promise.reject(UNAVAILABLE),
  );
}
