// Lists the tests that failed in a run of scripts/test.sh, one line each, so the tail of a CI log names them.
// Usage: node scripts/test-failures.mjs RESULTS_DIR
// Reads every *.trx (VSTest results) in RESULTS_DIR and the Solidity log (solidity.log); prints nothing when all passed.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const directory = process.argv[2];
if (!directory || !existsSync(directory)) {
  console.error(`usage: node scripts/test-failures.mjs RESULTS_DIR (got ${directory ?? 'nothing'})`);
  process.exit(2);
}

const maximumMessage = 300;

const unescapeXml = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#x([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#([0-9]+);/g, (_, decimal) => String.fromCodePoint(parseInt(decimal, 10)))
  .replace(/&amp;/g, '&');

// The first non-empty line of a failure message, bounded, so one line per test stays one line.
const firstLine = (message) => {
  const line = unescapeXml(message).split(/\r?\n/).map((part) => part.trim()).find((part) => part.length > 0) ?? '';
  return line.length > maximumMessage ? `${line.slice(0, maximumMessage)}…` : line;
};

const failures = [];

for (const file of readdirSync(directory).filter((name) => name.endsWith('.trx')).sort()) {
  const suite = basename(file, '.trx');
  const text = readFileSync(join(directory, file), 'utf8');
  // A result is either self-closing or holds <Output><ErrorInfo><Message>…</Message>.
  const results = text.matchAll(/<UnitTestResult\b([^>]*?)(\/>|>([\s\S]*?)<\/UnitTestResult>)/g);
  for (const [, attributes, , body] of results) {
    const outcome = /\boutcome="([^"]*)"/.exec(attributes)?.[1];
    if (outcome === 'Passed' || outcome === 'NotExecuted' || outcome === 'Inconclusive') continue;
    const name = unescapeXml(/\btestName="([^"]*)"/.exec(attributes)?.[1] ?? '(unnamed test)');
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(body ?? '')?.[1] ?? '';
    failures.push(`${suite}: ${name} (${outcome}) ${firstLine(message)}`.trimEnd());
  }
}

// Hardhat's Solidity runner prints a failing test as "  N) Contract" / "     testName()" blocks after "N failing".
const solidity = join(directory, 'solidity.log');
if (existsSync(solidity)) {
  const clean = readFileSync(solidity, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  const tail = clean.split(/\n\s*\d+ failing\s*\n/)[1];
  if (tail) {
    for (const [, title] of tail.matchAll(/^\s*\d+\)\s+(.+)$/gm)) {
      failures.push(`solidity: ${title.trim()}`);
    }
  }
}

if (failures.length > 0) {
  console.log(`[test] ${failures.length} failed test(s):`);
  for (const failure of failures) console.log(`  ${failure}`);
}
