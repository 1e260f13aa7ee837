import { siteLink } from '@docent/protocol';
import type { QuestionReport } from './question-report.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Questions per day as an inline SVG bar chart: the declined part of each bar in the accent colour. */
function dayChart(perDay: QuestionReport['perDay']): string {
  if (perDay.length === 0) return '<p class="empty">No questions logged yet.</p>';
  const width = 720;
  const height = 180;
  const bottom = 24;
  const most = Math.max(...perDay.map((day) => day.questions), 1);
  const step = width / perDay.length;
  const bar = Math.max(2, Math.min(40, step * 0.7));
  const scale = (count: number) => (count / most) * (height - bottom - 10);
  const bars = perDay
    .map((day, index) => {
      const x = index * step + (step - bar) / 2;
      const total = scale(day.questions);
      const declined = scale(day.declined);
      const label = perDay.length <= 14 || index % Math.ceil(perDay.length / 14) === 0;
      return [
        `<g><title>${escapeHtml(day.day)}: ${day.questions} questions, ${day.declined} declined</title>`,
        `<rect x="${x.toFixed(1)}" y="${(height - bottom - total).toFixed(1)}" width="${bar.toFixed(1)}" height="${total.toFixed(1)}" class="asked"/>`,
        `<rect x="${x.toFixed(1)}" y="${(height - bottom - declined).toFixed(1)}" width="${bar.toFixed(1)}" height="${declined.toFixed(1)}" class="declined"/>`,
        label
          ? `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle">${escapeHtml(day.day.slice(5))}</text>`
          : '',
        '</g>',
      ].join('');
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Questions per day, declined part highlighted">${bars}<text x="0" y="12">${most}</text></svg>`;
}

/** The language model's usage per day as a table (tokens, steps, cut-off answers, cost with prices). */
function usageTable(report: QuestionReport): string {
  if (report.usagePerDay.length === 0)
    return '<p class="empty">No answer from a language model is logged (extractive answers use no tokens).</p>';
  const priced = report.prices !== undefined;
  const number = (value: number) => value.toLocaleString('en-US');
  const rows = report.usagePerDay
    .map(
      (day) =>
        `<tr><td>${escapeHtml(day.day)}</td><td>${day.answers}</td><td>${number(day.promptTokens)}</td><td>${number(day.completionTokens)}</td><td>${day.steps}</td><td>${day.cutOff}</td><td>${number(day.modelMsPerAnswer)} ms</td>${priced ? `<td>${day.cost!.toFixed(4)}</td>` : ''}</tr>`,
    )
    .join('');
  return `<table><thead><tr><th>day</th><th>LLM answers</th><th>prompt tokens</th><th>completion tokens</th><th>steps</th><th>cut off</th><th>model time per answer</th>${priced ? '<th>cost</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>${priced ? `<p class="muted">Cost at ${report.prices!.promptPerMillion} per million prompt tokens and ${report.prices!.completionPerMillion} per million completion tokens.</p>` : '<p class="muted">Give <code>--price-per-million-tokens</code> to see the cost.</p>'}`;
}

/** The report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched). */
export function renderReport(report: QuestionReport, options: { siteUrl?: string } = {}): string {
  // The one link policy: only a page of the site is a link (never `javascript:`, `data:` or another host).
  const link = (path: string) => {
    const href = options.siteUrl ? siteLink(path, options.siteUrl) : null;
    return href
      ? `<a href="${escapeHtml(href)}">${escapeHtml(path)}</a>`
      : `<code>${escapeHtml(path)}</code>`;
  };
  const { totals } = report;
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const topics = report.unansweredTopics.length
    ? `<table><thead><tr><th>questions</th><th>topic</th><th>examples</th><th>nearest pages (write the missing docs here)</th></tr></thead><tbody>${report.unansweredTopics
        .map(
          (topic) =>
            `<tr><td class="count">${topic.count}</td><td><strong>${escapeHtml(topic.words.join(', '))}</strong></td><td><ul>${topic.examples
              .map((example) => `<li>${escapeHtml(example)}</li>`)
              .join('')}</ul></td><td><ul>${topic.nearestPages
              .map((page) => `<li>${link(page.url)} <span class="muted">(${page.count})</span></li>`)
              .join('')}</ul></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">Every logged question was answered.</p>';
  const thumbsDown = report.thumbsDown.length
    ? `<table><thead><tr><th>when</th><th>question</th><th>reason</th><th>sources</th></tr></thead><tbody>${report.thumbsDown
        .slice(0, 100)
        .map(
          (entry) =>
            `<tr><td class="muted">${escapeHtml(entry.at.slice(0, 16).replace('T', ' '))}</td><td>${escapeHtml(entry.question ?? '(question not in the log)')}</td><td>${escapeHtml(entry.reason ?? '')}</td><td><ul>${entry.sources
              .map((source) => `<li>${link(source)}</li>`)
              .join('')}</ul></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">No answer was marked wrong.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docent: what readers ask</title>
<style>
  :root { color-scheme: light dark; --accent: #d9480f; --bar: #4263eb; --muted: #868e96; }
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
  h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #8884; padding-bottom: 0.3rem; }
  .cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
  .card { border: 1px solid #8884; border-radius: 8px; padding: 0.7rem 1rem; min-width: 9rem; }
  .card b { display: block; font-size: 1.6rem; }
  svg { width: 100%; height: auto; } svg text { font-size: 10px; fill: var(--muted); }
  rect.asked { fill: var(--bar); } rect.declined { fill: var(--accent); }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; vertical-align: top; padding: 0.45rem; border-bottom: 1px solid #8883; }
  td ul { margin: 0; padding-left: 1.1rem; } .count { font-weight: 700; font-size: 1.2rem; }
  .muted, .empty { color: var(--muted); } .legend span { display: inline-block; width: 0.8rem; height: 0.8rem; margin: 0 0.3rem 0 1rem; vertical-align: middle; }
</style>
</head>
<body>
<h1>What readers ask</h1>
<p class="muted">Generated ${escapeHtml(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC from Docent's question log${report.skippedLines ? `; ${report.skippedLines} unreadable lines skipped` : ''}.</p>
<div class="cards">
  <div class="card"><b>${totals.questions}</b>questions</div>
  <div class="card"><b>${percent(totals.declinedShare)}</b>declined (${totals.declined})</div>
  <div class="card"><b>${totals.feedback.up} / ${totals.feedback.down}</b>helpful / not helpful</div>
  <div class="card"><b>${totals.errors}</b>answers that failed</div>
</div>
<h2>Questions per day</h2>
<p class="legend"><span style="background:var(--bar)"></span>answered<span style="background:var(--accent)"></span>declined</p>
${dayChart(report.perDay)}
<h2>Language model usage per day</h2>
${usageTable(report)}
<h2>What the docs do not answer</h2>
<p class="muted">Declined questions grouped by similarity, largest topics first.</p>
${topics}
<h2>Answers readers marked wrong</h2>
${thumbsDown}
</body>
</html>
`;
}
