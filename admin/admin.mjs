// The guide's admin (/admin/): Decap CMS, self-hosted (copied from node_modules by the build), in French,
// with the guide's save format and, before each save, the seam of the in-browser content check.
import * as YAML from "./yaml/index.js";
import { createFormat, SOURCE_KEY } from "./format.mjs";
import { check } from "./check.mjs";

const FORMAT_NAME = "yaml-guide"; // the configuration's `format` (guide/admin.py, FORMAT_NAME)
const format = createFormat(YAML);

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} n'a pas pu être chargé`));
    document.head.append(script);
  });
}

window.CMS_MANUAL_INIT = true; // registered first, then started
await loadScript("decap-cms/decap-cms.js");
const CMS = window.DecapCms || window.CMS;

CMS.registerCustomFormat(FORMAT_NAME, "yml", { fromFile: format.fromFile, toFile: format.toFile });

CMS.registerEventListener({
  name: "preSave",
  handler: async ({ entry }) => {
    const data = entry.get("data").toJS();
    const problems = await check({
      path: entry.get("path"),
      collection: entry.get("collection"),
      text: format.toFile(data),
      data: Object.fromEntries(Object.entries(data).filter(([key]) => key !== SOURCE_KEY)),
    });
    if (problems.length) throw new Error(problems.join("\n"));
    return entry.get("data");
  },
});

CMS.init();
