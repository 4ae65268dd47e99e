import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, LINK_VERSION } from './url-state';

const scenario = { format: 1, durationMs: 1000, limiters: [{ id: 'a', algorithm: 'gcra', ratePerSecond: 5, burst: 2 }], clients: [] };

describe('share links', () => {
  it('round-trips the scenario, step, embed flag and range', () => {
    const href = encodeLink('http://x.test/play?old=1#h', scenario, 42, { embed: true, range: [3, 9] });
    expect(href).toContain(`v=${LINK_VERSION}`);
    expect(href).not.toContain('old=1');
    const back = decodeLink(href);
    expect(back).toEqual({ scenario, step: 42, embed: true, range: [3, 9], problem: null });
  });

  it('explains a damaged, foreign-version or missing scenario instead of failing silently', () => {
    expect(decodeLink('http://x.test/?v=1&s=%%%').problem).toMatch(/damaged|JSON/);
    expect(decodeLink('http://x.test/?v=9&s=abc').problem).toMatch(/v=9/);
    expect(decodeLink('http://x.test/?step=5')).toMatchObject({ scenario: null, step: 5, problem: null });
  });

  it('ignores a malformed step or an inverted range', () => {
    expect(decodeLink('http://x.test/?step=-3&from=9&to=2')).toMatchObject({ step: null, range: null });
  });
});
