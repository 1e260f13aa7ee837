/** English function and question words that carry no topic. Kept short on purpose: "not" and "no" stay searchable. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her ' +
    'here hers him his i if in into is it its itself just me more most my of on once only or other our ours ' +
    'out over own same she should so some such than that the their theirs them then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours about above after again against all any because before below between both during ' +
    'each few further off s t don let lets ll re ve d m o y also via e g eg ie etc use using used how please'
  ).split(' '),
);
