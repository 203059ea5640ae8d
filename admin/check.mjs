// The seam of the in-browser content check (issue 24): admin.mjs calls check() before every save, with the
// framework file as it is about to be written. It returns the problems found, each a French sentence naming
// the field and saying what to type; the save is stopped and the sentences shown when there is one.
// This version checks nothing (the check runs on the pull request: scripts/check, the CI workflow); the
// in-browser `guide check` replaces its body and keeps its signature.
//
//   check({ path: "frameworks/faq.yml", collection: "faq", text: "…the YAML…", data: { …the values… } })
//     -> Promise<string[]>
export async function check({ path, collection, text, data }) {
  return [];
}
