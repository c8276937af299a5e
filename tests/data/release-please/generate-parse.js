#!/usr/bin/env node
// Writes parse.json: random commit messages and what release-please 17.11.2's
// parseConventionalCommits reads in each (the fixture of herald's release-please parser).
//
//   npm install release-please@17.11.2
//   NODE_PATH=$PWD/node_modules node generate-parse.js [COUNT] [SEED] > parse.json
'use strict';
const path = require('path');
const rp = path.dirname(require.resolve('release-please/package.json'));
const { parseConventionalCommits } = require(path.join(rp, 'build', 'src', 'commit.js'));

const { setSeed, message } = require('./messages.js');
setSeed(Number(process.argv[3] || 1));

const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const count = Number(process.argv[2] || 3000);
const cases = [];
const seen = new Set();
for (let i = 0; cases.length < count && i < count * 10; i++) {
  const msg = message();
  if (seen.has(msg)) continue;
  seen.add(msg);
  const parsed = parseConventionalCommits([{ sha: 'abc', message: msg, files: [] }], silent);
  cases.push({
    message: msg,
    commits: parsed.map((c) => ({
      type: c.type, scope: c.scope, subject: c.bareMessage, header: c.message,
      notes: c.notes.map((n) => ({ title: n.title, text: n.text })),
      references: c.references.map((r) => ({ action: r.action, issue: r.issue })),
      breaking: c.breaking,
    })),
  });
}
process.stdout.write(JSON.stringify(cases, null, 0).replace(/\},\{"message"/g, '},\n{"message"') + '\n');
