// Observational semantic-release plugin: runs in the generateNotes step AFTER
// @semantic-release/release-notes-generator, receives the notes generated so far in
// context.nextRelease.notes, writes them byte-exact to $SR_CAPTURE_DIR/notes.md (and the
// version/type/tag to $SR_CAPTURE_DIR/next.json), and returns nothing, so the final notes
// are unchanged (semantic-release drops falsy generateNotes results).
const fs = require("fs");
const path = require("path");
module.exports = {
  generateNotes(pluginConfig, context) {
    const dir = process.env.SR_CAPTURE_DIR;
    if (dir) {
      const { nextRelease, lastRelease, commits } = context;
      fs.writeFileSync(path.join(dir, "notes.md"), nextRelease.notes || "");
      fs.writeFileSync(
        path.join(dir, "next.json"),
        JSON.stringify({ version: nextRelease.version, type: nextRelease.type, gitTag: nextRelease.gitTag,
          lastRelease: { version: lastRelease.version, gitTag: lastRelease.gitTag },
          commits: commits.map((c) => c.hash) }, null, 1) + "\n"
      );
    }
    return undefined;
  },
};
