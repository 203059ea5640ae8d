// Runs the admin's save format (admin/format.mjs) on framework files as the admin would: read, change one
// thing, save. Prints one JSON line per file and change; writes each changed file under OUT/CHANGE/NAME.yml.
//   node tests/admin/format_walk.mjs FRAMEWORKS_DIR OUT_DIR
import fs from "node:fs";
import path from "node:path";
import * as YAML from "yaml";
import { createFormat, SOURCE_KEY } from "../../admin/format.mjs";

const [frameworksDir, outDir] = process.argv.slice(2);
const { fromFile, toFile } = createFormat(YAML);
const clone = (value) => structuredClone(value);

// The first top-level list of the file (after « page »), with at least two items.
function firstList(data) {
  for (const [key, value] of Object.entries(data)) {
    if (key !== "page" && key !== SOURCE_KEY && Array.isArray(value) && value.length >= 2) return key;
  }
  return null;
}

function write(change, name, text) {
  const folder = path.join(outDir, change);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, name), text);
}

const results = [];
for (const name of fs.readdirSync(frameworksDir).filter((file) => file.endsWith(".yml")).sort()) {
  const original = fs.readFileSync(path.join(frameworksDir, name), "utf8");
  const report = (change, saved, extra = {}) => {
    write(change, name, saved);
    results.push({ file: name, change, ...extra });
  };
  // Read and saved without an edit.
  report("aucune", toFile(fromFile(original)));
  // One text edited: the first paragraph of the page's introduction.
  const edited = fromFile(original);
  const before = edited.page.introduction[0];
  edited.page.introduction[0] = before + " Phrase ajoutée dans le formulaire.";
  report("texte", toFile(clone(edited)), { before, after: edited.page.introduction[0] });
  // A short title typed as YAML 1.1 would read a number (a ratio): it stays a text.
  const ambiguous = fromFile(original);
  ambiguous.page.titre_court = "3:1";
  report("ambigu", toFile(ambiguous));
  const key = firstList(fromFile(original));
  if (key) {
    const items = fromFile(original)[key];
    // The last item removed.
    const removed = fromFile(original);
    removed[key].pop();
    report("retrait", toFile(removed), { list: key, index: items.length - 1 });
    // The last item moved to the top.
    const moved = fromFile(original);
    moved[key].unshift(moved[key].pop());
    report("deplacement", toFile(moved), { list: key, index: items.length - 1 });
    // A new item inserted second: the first one, with another id if it has one.
    const inserted = fromFile(original);
    const copy = clone(items[0]);
    if (copy && typeof copy === "object" && "id" in copy) copy.id = copy.id + "-copie";
    // As a form adds it: with an optional field left empty, which is not written.
    const fromForm = copy && typeof copy === "object" ? { ...copy, champ_laisse_vide: "", liste_vide: [] } : copy;
    inserted[key].splice(1, 0, fromForm);
    report("insertion", toFile(inserted), { list: key, index: 1, item: copy });
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
