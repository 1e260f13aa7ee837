import type { TypeaheadReport } from './typeahead-evaluation.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** One table: search as you type per corpus, Docent's `GET /api/search` against lunr with a wildcard. */
export function printTypeahead(reports: Record<string, TypeaheadReport>): void {
  const names = Object.keys(reports);
  if (names.length === 0) return;
  console.log(
    "\nSearch as you type (each expected section's heading or page title, typed keystroke by keystroke from 3 characters):",
  );
  console.log(
    'corpus    targets  keystrokes  recall@5 docent / lunr*   MRR@10 docent / lunr*   full name: recall@5 docent / lunr*',
  );
  for (const name of names) {
    const report = reports[name]!;
    console.log(
      `${name.padEnd(9)} ${String(report.targets).padStart(7)}  ${String(report.keystrokes).padStart(10)}  ${percent(report.docent.recallAt5).padStart(15)} / ${percent(report.lunr.recallAt5).padEnd(6)}  ${report.docent.mrrAt10.toFixed(3).padStart(14)} / ${report.lunr.mrrAt10.toFixed(3).padEnd(6)}  ${percent(report.docent.fullRecallAt5).padStart(25)} / ${percent(report.lunr.fullRecallAt5)}`,
    );
  }
}
