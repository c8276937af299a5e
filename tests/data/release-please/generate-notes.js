#!/usr/bin/env node
// Writes notes.json: random ranges of commits, random `changelog-sections`, and the release
// notes release-please 17.11.2 writes for them (parseConventionalCommits, then
// DefaultChangelogNotes.buildNotes); today's date is written as DATE.
//
//   npm install release-please@17.11.2
//   NODE_PATH=$PWD/node_modules node generate-notes.js [COUNT] [SEED] > notes.json
'use strict';
const path = require('path');
const rp = path.dirname(require.resolve('release-please/package.json'));
const { parseConventionalCommits } = require(path.join(rp, 'build', 'src', 'commit.js'));
const { DefaultChangelogNotes } = require(path.join(rp, 'build', 'src', 'changelog-notes', 'default.js'));
const { setSeed, random, pick, maybe, message } = require('./messages.js');

setSeed(Number(process.argv[3] || 1));
const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const hex = () => Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

function sections() {
  if (maybe(0.6)) return null;
  const all = [
    { type: 'feat', section: 'Features' }, { type: 'fix', section: 'Bug Fixes' },
    { type: 'feat', scope: 'api', section: 'API' }, { type: 'chore', section: 'Miscellaneous Chores' },
    { type: 'docs', section: 'Documentation', hidden: true }, { type: 'deps', section: 'Dependencies' },
    { type: 'perf', section: 'Performance' }, { type: 'refactor', section: 'Features' },
    { type: 'revert', section: 'Reverts', hidden: false }, { type: 'ci' }, { type: 'test', section: '1' },
    { type: 'build', section: '⚙️ Build' },
  ];
  return all.filter(() => maybe(0.6)).sort(() => random() - 0.5);
}

const today = new Date().toISOString().slice(0, 10);
async function main() {
  const count = Number(process.argv[2] || 500);
  const cases = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(random() * 6);
    const commits = [];
    for (let k = 0; k < n; k++) commits.push({ sha: hex(), message: message(), files: [] });
    const changelogSections = sections();
    const previousTag = maybe(0.7) ? 'v1.4.2' : undefined;
    const conv = parseConventionalCommits(commits, silent);
    const notes = await new DefaultChangelogNotes().buildNotes(conv, {
      owner: 'owner', repository: 'repo', version: '2.0.0', previousTag, currentTag: 'v2.0.0',
      targetBranch: 'main', changelogSections: changelogSections || undefined, commits,
    });
    cases.push({
      commits: commits.map((c) => ({ sha: c.sha, message: c.message })),
      sections: changelogSections, previous_tag: previousTag || null,
      notes: notes.split(today).join('DATE'),
    });
  }
  process.stdout.write('[\n' + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n');
}
main();
