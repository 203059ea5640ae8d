// The admin's save format for the framework files (registered in admin.mjs as « yaml-guide »).
//
// Decap CMS reads a file into an object and, when an editor saves, writes the object back. Its own YAML
// format rewrites the whole file (comments dropped, long texts folded, quoting and key order changed). This
// one keeps the file as it was read and rewrites only the values that changed: the text of the file is
// kept next to the data (under SOURCE_KEY, a field no form shows), and on save each changed value is
// replaced in place, at its own position in the text; a list item inserted, removed or moved changes only
// its own lines. Unchanged files come back byte for byte.
//
// The same module runs in the browser (with yaml's browser build) and in node for the tests
// (tests/admin/format_check.mjs): createFormat(YAML) takes the `yaml` 2.x library.

export const SOURCE_KEY = "__texte_du_fichier";

// Texts on one line, however long; a text that YAML 1.1 would read as something else (« 3:1 », « 1_000 », a
// date) written between quotes: the guide reads its files with PyYAML (guide/yaml_source.py), a YAML 1.1 reader.
const STRING_OPTIONS = { lineWidth: 0, minContentWidth: 0, version: "1.1" };

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

// What a form gives for a field left alone that the file does not have: nothing to write.
function isEmpty(value) {
  return value === null || value === undefined || value === "" ||
    (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

// A new value without the fields a form leaves empty (an optional text not typed: "", a list not filled: []).
function pruned(value) {
  if (Array.isArray(value)) return value.map(pruned);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => !isEmpty(item)).map(([key, item]) => [key, pruned(item)]));
}

export function createFormat(YAML) {
  const { isMap, isSeq, isScalar, isPair } = YAML;

  function lineStart(text, position) {
    return text.lastIndexOf("\n", position - 1) + 1;
  }

  function column(text, position) {
    return position - lineStart(text, position);
  }

  // The end of the line holding the last character of [start, end) that is not a space, after its newline.
  function lineEndAfter(text, start, end) {
    let last = end;
    while (last > start && /\s/.test(text[last - 1])) last -= 1;
    const newline = text.indexOf("\n", last);
    return newline === -1 ? text.length : newline + 1;
  }

  function toJS(node) {
    if (node === null || node === undefined) return null;
    return node.toJSON ? node.toJSON() : node;
  }

  // `value` written as YAML starting at column 0 (lines after the first are re-indented by the caller).
  function written(value, like) {
    let node = pruned(value);
    if (like && isScalar(like) && typeof value === "string" && typeof like.value === "string") {
      node = new YAML.Scalar(value);
      node.type = like.type;
    }
    return YAML.stringify(node, STRING_OPTIONS).replace(/\n$/, "");
  }

  function indentLines(text, indent) {
    const pad = " ".repeat(indent);
    return text.split("\n").map((line, index) => (index === 0 || line === "" ? line : pad + line)).join("\n");
  }

  function rewrite(original, value) {
    const eol = original.includes("\r\n") ? "\r\n" : "\n";
    const text = eol === "\n" ? original : original.replace(/\r\n/g, "\n");
    const doc = YAML.parseDocument(text);
    if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return null;
    const edits = [];

    // The value of one field, as a scalar or a block, at `parentColumn` (the column of its key or « - »).
    function replace(node, newValue, parentColumn) {
      const [start, end] = node.range;
      let body = written(newValue, node);
      const block = (isObject(newValue) && Object.keys(newValue).length) || (Array.isArray(newValue) && newValue.length);
      if (block && !node.flow && (isMap(node) || isSeq(node))) {
        // A block collection replaced by another: same column, from the node's first line.
        edits.push({ start, end: lineEndAfter(text, start, node.range[2]) - 1, text: indentLines(body, column(text, start)) });
        return;
      }
      if (block) {
        // A scalar or a flow collection replaced by a block: on the lines below the key.
        const indent = parentColumn + 2;
        edits.push({ start, end, text: "\n" + " ".repeat(indent) + indentLines(body, indent) });
        return;
      }
      body = indentLines(body, parentColumn + 2);
      edits.push({ start, end, text: body });
    }

    function diff(node, newValue, parentColumn) {
      if (deepEqual(toJS(node), newValue)) return;
      if (isMap(node) && !node.flow && isObject(newValue)) return diffMap(node, newValue);
      if (isSeq(node) && !node.flow && Array.isArray(newValue) && newValue.length) return diffSeq(node, newValue);
      replace(node, newValue, parentColumn);
    }

    function pairText(key, newValue, indent) {
      return indentLines(written({ [key]: newValue }), indent);
    }

    function diffMap(node, newValue) {
      const indent = column(text, node.range[0]);
      const seen = new Set();
      let last = null;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : toJS(pair.key);
        seen.add(String(key));
        const keyStart = pair.key.range[0];
        const pairEnd = pair.value && pair.value.range ? pair.value.range[2] : pair.key.range[2];
        last = { keyStart, pairEnd };
        if (!Object.hasOwn(newValue, key)) {
          if (!isEmpty(toJS(pair.value))) {
            const from = lineStart(text, keyStart);
            edits.push({ start: from, end: lineEndAfter(text, from, pairEnd), text: "" });
          }
          continue;
        }
        if (pair.value && pair.value.range && pair.value.range[0] < pair.value.range[1]) {
          diff(pair.value, newValue[key], indent);
        } else if (!isEmpty(newValue[key]) || !deepEqual(toJS(pair.value), newValue[key])) {
          // « key: » written with nothing after it: the whole pair again.
          const from = lineStart(text, keyStart);
          edits.push({ start: from, end: lineEndAfter(text, from, pairEnd) - 1, text: " ".repeat(indent) + pairText(key, newValue[key], indent) });
        }
      }
      const added = Object.keys(newValue).filter((key) => !seen.has(key) && key !== SOURCE_KEY && !isEmpty(newValue[key]));
      if (added.length) {
        const at = last ? lineEndAfter(text, last.keyStart, last.pairEnd) : node.range[1];
        const lines = added.map((key) => " ".repeat(indent) + pairText(key, newValue[key], indent) + "\n").join("");
        edits.push({ start: at, end: at, text: lines });
      }
    }

    // The lines of one list item, from its « - » to the end of its last line.
    function itemSpan(item) {
      const from = lineStart(text, item.range[0]);
      return [from, lineEndAfter(text, from, item.range[2])];
    }

    function diffSeq(node, newValue) {
      const items = node.items;
      const old = items.map(toJS);
      const indent = column(text, lineStart(text, items[0].range[0]) + text.slice(lineStart(text, items[0].range[0])).search(/-/));
      // Longest common subsequence of equal items: those stay as written.
      const n = old.length, m = newValue.length;
      const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
      for (let i = n - 1; i >= 0; i -= 1) {
        for (let j = m - 1; j >= 0; j -= 1) {
          table[i][j] = deepEqual(old[i], newValue[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
      }
      const matches = [];
      for (let i = 0, j = 0; i < n && j < m;) {
        if (deepEqual(old[i], newValue[j])) { matches.push([i, j]); i += 1; j += 1; }
        else if (table[i + 1][j] >= table[i][j + 1]) i += 1;
        else j += 1;
      }
      matches.push([n, m]);
      const removed = new Set();
      let i = 0, j = 0;
      for (const [mi, mj] of matches) {
        const oldGap = []; const newGap = [];
        for (; i < mi; i += 1) oldGap.push(i);
        for (; j < mj; j += 1) newGap.push(j);
        // An item edited in place: the first unmatched old item of the gap takes the first new one, unless that new
        // item is an old item moved here (then it is copied as written).
        while (oldGap.length && newGap.length && !old.some((value) => deepEqual(value, newValue[newGap[0]]))) {
          diff(items[oldGap.shift()], newValue[newGap.shift()], indent);
        }
        for (const index of oldGap) {
          const [from, to] = itemSpan(items[index]);
          edits.push({ start: from, end: to, text: "" });
          removed.add(index);
        }
        if (newGap.length) {
          const at = mi < n ? itemSpan(items[mi])[0] : itemSpan(items[n - 1])[1];
          const lines = newGap.map((index) => {
            const copy = old.findIndex((value) => deepEqual(value, newValue[index]));
            if (copy !== -1) {
              const [from, to] = itemSpan(items[copy]);
              const piece = text.slice(from, to);
              return piece.endsWith("\n") ? piece : piece + "\n";
            }
            return " ".repeat(indent) + indentLines(written([newValue[index]]), indent) + "\n";
          }).join("");
          edits.push({ start: at, end: at, text: lines });
        }
        i = mi + 1; j = mj + 1;
      }
    }

    diff(doc.contents, value, 0);
    edits.sort((a, b) => b.start - a.start || b.end - a.end);
    let result = text;
    for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    if (!deepEqual(pruned(YAML.parse(result)), pruned(value))) return null;
    return eol === "\n" ? result : result.replace(/\n/g, "\r\n");
  }

  function fromFile(content) {
    const data = YAML.parse(content) ?? {};
    if (isObject(data)) data[SOURCE_KEY] = content;
    return data;
  }

  function toFile(data) {
    const { [SOURCE_KEY]: original, ...value } = data;
    if (typeof original === "string") {
      if (deepEqual(YAML.parse(original), value)) return original;
      const result = rewrite(original, value);
      if (result !== null) return result;
    }
    // No text to start from (or one the rewrite could not follow): the whole file, without folding its texts.
    return YAML.stringify(value, STRING_OPTIONS);
  }

  return { fromFile, toFile, rewrite };
}
