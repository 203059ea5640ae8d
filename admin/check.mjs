// The content check before each save: admin.mjs calls check() with the framework file as it is about to be
// written. The same `guide check` as the pull request's runs in the browser (checkFile: the core's Python on the
// site's own Pyodide, in a Web Worker, against the other files as built; docs/assets/javascripts/content-check.mjs).
// It returns the errors found, each a French sentence with its line and field; the save is stopped and the
// sentences shown when there is one. Warnings do not stop a save (the pull request shows them). If the check
// cannot start in this browser, the save goes on: the pull request's check still runs.
//
//   check({ path: "frameworks/faq.yml", collection: "faq", text: "…the YAML…", data: { …the values… } })
//     -> Promise<string[]>
import { checkFile } from "../assets/javascripts/content-check.mjs";

const WARNING = "(attention, pas une erreur)";

export function describe(finding) {
  const where = `Ligne ${finding.line}, colonne ${finding.column}` + (finding.field ? `, champ ${finding.field}` : "");
  return `${where} : ${finding.message}`;
}

export async function check({ path, text }) {
  const fileName = String(path).split("/").pop();
  let findings;
  try {
    findings = await checkFile(fileName, text);
  } catch (error) {
    console.warn(error.message);
    return [];
  }
  return findings.filter((finding) => !String(finding.message).endsWith(WARNING)).map(describe);
}
