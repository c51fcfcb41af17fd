// Re-measures only the mutants a previous run of an area left alive, then merges the two reports into one.
// A whole area takes over an hour on a 2-core machine; after tests were added, the mutants the old tests killed are
// still killed (tests were only added), so only the survivors need running again. That holds only while the mutated
// source is byte for byte what the previous report holds: `spans` refuses otherwise, and the whole area must be rerun.
//   node scripts/mutation-retest.mjs spans PREVIOUS.json REPO_ROOT   prints the mutate patterns (file{start..end}...)
//   node scripts/mutation-retest.mjs merge PREVIOUS.json NEW.json    prints the merged report (JSON) on stdout
// scripts/mutation.sh uses both when MUTATION_RETEST names a previous report.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [command, previousPath, third] = process.argv.slice(2);
if (!["spans", "merge"].includes(command) || !previousPath || !third) {
  console.error("usage: node scripts/mutation-retest.mjs spans PREVIOUS.json REPO_ROOT | merge PREVIOUS.json NEW.json");
  process.exit(2);
}

const open = (status) => status === "Survived" || status === "NoCoverage";
// Reports name files by absolute path, inside a snapshot tree (.mutation/AREA/tree/) or the working tree.
const repositoryPath = (file, root = process.cwd()) => {
  const snapshot = file.match(/\/\.mutation\/[^/]+\/tree\/(.*)$/);
  if (snapshot) return snapshot[1];
  if (file.startsWith(root + "/")) return file.slice(root.length + 1);
  throw new Error(`cannot place ${file} in the repository`);
};
const identity = (file, mutant) =>
  [file, mutant.location.start.line, mutant.location.start.column, mutant.location.end.line, mutant.location.end.column,
    mutant.mutatorName, mutant.replacement ?? ""].join("|");
const readReport = (path) => JSON.parse(readFileSync(path, "utf8"));

function spans(previous, root) {
  const patterns = [];
  for (const [file, { source, mutants }] of Object.entries(previous.files)) {
    const alive = mutants.filter((mutant) => open(mutant.status));
    if (alive.length === 0) continue;
    const relative = repositoryPath(file, root);
    if (readFileSync(join(root, relative), "utf8") !== source) {
      console.error(`${relative} changed since the previous report: its killed mutants may no longer be killed; measure the whole area`);
      process.exit(3);
    }
    // Stryker's spans are character offsets into the file; a mutant is run when a span contains its node's span.
    const lineStarts = [0];
    for (let index = 0; index < source.length; index++) if (source[index] === "\n") lineStarts.push(index + 1);
    const offset = ({ line, column }) => lineStarts[line - 1] + column - 1;
    const ranges = alive.map((mutant) => `{${offset(mutant.location.start)}..${offset(mutant.location.end)}}`);
    patterns.push(relative + [...new Set(ranges)].join(""));
  }
  console.log(patterns.join(","));
}

function merge(previous, next) {
  const retested = new Map();
  for (const [file, { mutants }] of Object.entries(next.files)) {
    for (const mutant of mutants) retested.set(identity(repositoryPath(file), mutant), mutant);
  }
  let missing = 0;
  for (const [file, { mutants }] of Object.entries(previous.files)) {
    for (const [index, mutant] of mutants.entries()) {
      if (!open(mutant.status)) continue;
      const again = retested.get(identity(repositoryPath(file), mutant));
      if (again === undefined) {
        missing++;
        continue;
      }
      mutants[index] = { ...mutant, status: again.status, killedBy: again.killedBy, statusReason: again.statusReason };
    }
  }
  if (missing > 0) console.error(`${missing} previous survivors were not generated again and keep their old status`);
  console.log(JSON.stringify(previous));
}

if (command === "spans") spans(readReport(previousPath), third.replace(/\/$/, ""));
else merge(readReport(previousPath), readReport(third));
