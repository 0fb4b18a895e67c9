// Turns the raw runs into figures: median (min–max) per client, the ratio ours/Converse, the
// target from the issue and whether it is met. Prints a markdown table; results go to JSON.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { KB, rows, stats } from './report-rows.mjs';

const MB = 1024 * 1024;

const fmt = {
  ms: (x) => `${Math.round(x)} ms`,
  ms1: (x) => `${x.toFixed(1)} ms`,
  kb: (x) => `${(x / KB).toFixed(1)} KB`,
  mb: (x) => `${(x / MB).toFixed(1)} MB`,
  n: (x) => `${Math.round(x)}`,
  x: (x) => `${x.toFixed(2)}×`,
};

/** Explanations for figures a client does not have. */
const NOT_APPLICABLE = {
  converse: {
    'room list arrived (MucSub list IQ) → all listed':
      'n/a: Converse has no MucSub room list; its 500 rooms come from auto_join_rooms (see "logged in → all listed")',
  },
};

export function buildTable(res) {
  const out = [];
  for (const [section, label, unit, get, target] of rows(res)) {
    const ours = stats(get('ours'));
    const conv = stats(get('converse'));
    const ratio = ours && conv && conv.median ? ours.median / conv.median : null;
    let met = null;
    if (target && ours) {
      if (target.ratio !== undefined) met = ratio !== null ? ratio <= target.ratio : null;
      else met = (target.worst ? ours.max : ours.median) <= target.max;
    }
    out.push({
      section,
      label,
      unit,
      ours,
      converse: conv,
      ratio,
      target: target?.text ?? '',
      met,
      single: Boolean(get.single),
      na: { converse: conv ? undefined : NOT_APPLICABLE.converse[label.trim()] },
    });
  }
  return out;
}

function cell(s, unit, expected) {
  if (!s) return '—';
  const f = fmt[unit];
  const range = s.n > 1 ? ` (${f(s.min)}–${f(s.max)})` : '';
  return `${f(s.median)}${range}${expected && s.n < expected ? ` n=${s.n}` : ''}`;
}

export function markdown(table, { runs }) {
  const lines = [];
  lines.push('| figure | ethora-chat median (min–max) | Converse.js 14 median (min–max) | ours/Converse | target | met? |');
  lines.push('|---|---|---|---|---|---|');
  let section = '';
  for (const row of table) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`| **${section}** | | | | | |`);
    }
    const expected = row.single ? 1 : runs;
    const conv = row.converse ? cell(row.converse, row.unit, expected) : (row.na.converse ?? '— (no run produced it: see the notes)');
    const met = row.met === null ? (row.target ? 'n/a' : '') : row.met ? 'yes' : '**no**';
    lines.push(
      `| ${row.label.replace(/^ {2}/, '↳ ')} | ${cell(row.ours, row.unit, expected)} | ${conv} | ${row.ratio !== null ? row.ratio.toFixed(2) : '—'} | ${row.target} | ${met} |`,
    );
  }
  return lines.join('\n');
}

export function writeResults(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2));
}
