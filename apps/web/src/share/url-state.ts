import LZString from 'lz-string';

// lz-string is CommonJS: the default import works in Vite, vitest and plain Node (the e2e suite builds links too).
const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = LZString;

/** The version of the link format. Bump it when the meaning of a parameter changes; old links keep the old reader. */
export const LINK_VERSION = 1;
/**
 * A link longer than this is refused on read, before it is decompressed. lz-string's output can grow roughly with the
 * square of its input (each code may repeat the previous phrase plus one character), so this bound is what keeps a
 * crafted link from expanding into gigabytes: 8,000 characters decompress to about 9 million at most (measured with
 * the most compressible input there is). Every built-in needs under 2,000; larger scenarios are shared as exported JSON.
 */
export const MAX_LINK_CHARS = 8_000;

export interface LinkState {
  /** The scenario document, or null when the link names none (first run). */
  scenario: unknown | null;
  step: number | null;
  embed: boolean;
  /** Embed lock: the first and last step the scrubber may reach. */
  range: [number, number] | null;
  /** A problem reading the link, shown to the user instead of silently starting over. */
  problem: string | null;
}

/** Writes the scenario and the selected step into query parameters: `v`, `s` (lz-string JSON), `step`. */
export function encodeLink(base: string, scenario: unknown, step: number, extra: { embed?: boolean; range?: [number, number] | null } = {}): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.searchParams.set('v', String(LINK_VERSION));
  url.searchParams.set('s', compressToEncodedURIComponent(JSON.stringify(scenario)));
  url.searchParams.set('step', String(step));
  if (extra.embed) url.searchParams.set('embed', '1');
  if (extra.range) {
    url.searchParams.set('from', String(extra.range[0]));
    url.searchParams.set('to', String(extra.range[1]));
  }
  return url.toString();
}

function wholeNumber(v: string | null): number | null {
  if (v === null || !/^\d{1,9}$/.test(v)) return null;
  return Number(v);
}

export function decodeLink(href: string): LinkState {
  const url = new URL(href);
  const p = url.searchParams;
  const embed = p.get('embed') === '1';
  const from = wholeNumber(p.get('from'));
  const to = wholeNumber(p.get('to'));
  const range: [number, number] | null = from !== null && to !== null && from <= to ? [from, to] : null;
  const base: LinkState = { scenario: null, step: wholeNumber(p.get('step')), embed, range, problem: null };
  const packed = p.get('s');
  if (packed === null) return base;
  const version = p.get('v');
  if (version !== String(LINK_VERSION))
    return { ...base, problem: `This link uses format v=${version ?? '(missing)'}; this playground reads v=${LINK_VERSION}.` };
  if (packed.length > MAX_LINK_CHARS) return { ...base, problem: `This link is too long (over ${MAX_LINK_CHARS} characters).` };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(packed);
  } catch {
    // lz-string throws (TypeError) on some damaged inputs, e.g. "s=z"; a bad link must never break the page.
    text = null;
  }
  if (!text) return { ...base, problem: 'The scenario in this link is damaged (it could not be decompressed). Was it cut short?' };
  try {
    return { ...base, scenario: JSON.parse(text) as unknown };
  } catch {
    return { ...base, problem: 'The scenario in this link is not valid JSON.' };
  }
}
