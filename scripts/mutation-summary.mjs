// Summarises a Stryker.NET JSON report: counts per status, the score, and every mutant that was not killed (with its
// line and replacement), so survivors can be judged without opening the html report.
//   node scripts/mutation-summary.mjs .mutation/AREA/reports/mutation-report.json
import { readFileSync } from "node:fs";

const path = process.argv[2];
if (!path) {
  console.error("usage: node scripts/mutation-summary.mjs <mutation-report.json>");
  process.exit(2);
}

const report = JSON.parse(readFileSync(path, "utf8"));
const counts = {};
const open = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const mutant of mutants) {
    counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
    if (mutant.status === "Survived" || mutant.status === "NoCoverage") {
      open.push(`${mutant.status.padEnd(10)} ${file.split("/").slice(-2).join("/")}:${mutant.location.start.line}` +
        ` ${mutant.mutatorName}: ${JSON.stringify(mutant.replacement ?? "")}`);
    }
  }
}

const killed = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
const valid = killed + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
const statuses = ["Killed", "Timeout", "Survived", "NoCoverage", "CompileError", "RuntimeError"];
console.log(statuses.map((status) => `${status} ${counts[status] ?? 0}`).join(", "));
const percent = (part) => (valid === 0 ? "n/a" : ((100 * part) / valid).toFixed(1) + " %");
console.log(`score ${percent(killed)} (${killed} of ${valid})`);
// Timeouts count as killed in Stryker's score; on a loaded machine some are the machine, not the mutant.
console.log(`strict score (timeouts as survivors) ${percent(counts.Killed ?? 0)} (${counts.Killed ?? 0} of ${valid})`);
for (const line of open.sort()) console.log(line);
