// Type declarations for nianbao.js — the output contract of shared/spec/report-format.md §6.

/** Loads the WebAssembly module (by default `nianbao_core_bg.wasm` beside nianbao.js). */
export default function init(
  moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** Checks report text; `name` (default `-`) becomes `source.name`. */
export function check(text: string, name?: string): Report;

/** Checks HTML (a page, a rich editor's content, tables included); nothing in it runs. */
/** Throws an `Error` (Chinese message) for HTML over 20 MB or of over 500,000 tags, as for a file. */
export function checkHtml(html: string, name?: string): Report;

/** The text the checker reads from HTML; a report's line numbers refer to it. */
/** Throws as `checkHtml` does. */
export function htmlToText(html: string): string;
/** `htmlToText`, with the line of each `<tr>` (document order; 0: no line of its own). */
export function htmlToTextWithRows(html: string): { text: string; rows: Uint32Array };

/** Checks a file's bytes (.txt in any supported encoding, .html, .docx, .pdf with a text
 * layer), detecting the format and encoding; throws an `Error` (Chinese message) when the
 * file cannot be read as a report (.doc/.wps, a scanned PDF, an image, damaged, too large,
 * empty). */
export function checkFile(bytes: Uint8Array, name: string): Report;

/** Answers a check given as a message, as `<nianbao-check>`'s worker does (src/job). */
export function runJob(request: JobRequest): JobReply;

/** Where a checked text is from. */
export interface JobSource {
  name: string;
  format: 'text' | 'html' | 'docx' | 'pdf';
  encoding: string;
}

/** A check as a message: text, or an editor's HTML (tables included; nothing in it runs). */
export type JobRequest =
  | { check: { text: string; source: JobSource } }
  | { html: { html: string; source: JobSource } };

/** The answer to a `JobRequest`: each field only when there is one. */
export interface JobReply {
  /** The text checked, for HTML (a report's lines refer to it). */
  text?: string;
  /** For HTML: the line of each `<tr>` (document order; 0: no line of its own). */
  rows?: number[];
  /** The report; absent for empty text. */
  report?: Report;
  /** Why the text could not be checked (Chinese), e.g. over 20 MB. */
  error?: string;
}

/** The documentation of every rule. */
export function rules(): RuleDoc[];

/** The checker's version. */
export function version(): string;

export type Severity = 'error' | 'warning' | 'info';

export interface Report {
  schema: 1;
  source: { name: string; format: 'text' | 'html' | 'docx' | 'pdf'; encoding: string };
  meta: {
    title: string | null;
    agency: string | null;
    agency_kind: 'department' | 'government' | 'township' | null;
    /** The report year Y. */
    year: number | null;
    template: '2019' | '2021' | 'pre2019' | 'unknown' | null;
    /** Signature date, `YYYY-MM-DD`. */
    published: string | null;
  };
  sections: { no: number; title: string; found: boolean; line: number | null }[];
  /** Every cell found, by canonical key (`t3.new.total`); a key that was not found is absent. */
  cells: Record<string, Cell>;
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
}

export interface Cell {
  /** `null` when blank or not a number; 0 when not applicable (`/`, `—`, `无`). */
  value: number | null;
  /** The cell's text as written; `""` when blank. */
  raw: string;
  /** Money cells: `元` or `万元`, from the cell or its header. */
  unit?: string;
  /** 1-based line of the input. */
  line: number | null;
}

export interface Finding {
  /** Rule id, e.g. `t3-balance`. */
  rule: string;
  severity: Severity;
  /** What is wrong and what the right value would be, in Chinese. */
  message: string;
  /** Cell keys involved. */
  cells: string[];
  /** 1-based line of the input. */
  line: number | null;
  expected?: number;
  actual?: number;
}

export interface RuleDoc {
  id: string;
  severity: Severity;
  title: string;
  what: string;
  why: string;
  bad: string;
  good: string;
}
