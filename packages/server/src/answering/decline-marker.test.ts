import { describe, expect, it } from 'vitest';
import { DECLINE_MARKER, DeclineMarkerFilter } from './decline-marker.js';

function run(deltas: string[]) {
  const filter = new DeclineMarkerFilter();
  const out = deltas.map((delta) => filter.push(delta)).join('') + filter.flush();
  return { out, declined: filter.declined };
}

describe('DeclineMarkerFilter', () => {
  it('removes the marker and reports the decline, however the marker is split', () => {
    const reply = `${DECLINE_MARKER} The docs do not cover SOCKS proxies; the closest is [1].`;
    for (let cut = 1; cut < reply.length; cut++) {
      expect(run([reply.slice(0, cut), reply.slice(cut)])).toEqual({
        out: 'The docs do not cover SOCKS proxies; the closest is [1].',
        declined: true,
      });
    }
    expect(run([' \n', ...DECLINE_MARKER.split(''), '\nNo.'])).toEqual({ out: 'No.', declined: true });
  });

  it('passes an answer through unchanged, including one that starts like the marker', () => {
    expect(run(['Set ', 'cacheDir [1].'])).toEqual({ out: 'Set cacheDir [1].', declined: false });
    expect(run(['[', '[1]] is odd'])).toEqual({ out: '[[1]] is odd', declined: false });
    expect(run(['[['])).toEqual({ out: '[[', declined: false });
    expect(run(['Answer. ', DECLINE_MARKER])).toEqual({ out: `Answer. ${DECLINE_MARKER}`, declined: false });
  });
});
