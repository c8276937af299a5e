#!/usr/bin/env node
// Drive release-please 17.x offline, without the GitHub API.  Needs node >= 22.
// TOOLS_DIR is where scripts/compat.sh --install put the tools; the modules are in
// TOOLS_DIR/npm/node_modules.  Two modes:
//
// 1) repo mode — the real end-to-end pipeline (Manifest.fromManifest -> buildPullRequests),
//    the same code `release-please release-pr` runs, on a local git repository:
//      node rp/run.js repo DIR --node-modules DIR [--version X.Y.Z|none] [--config JSON]
//                              [--owner o --repo r] [--changelog FILE] [--debug]
//    * the GitHub client is release-please's own LocalGitHub (build/src/local-github.js:
//      git log / git ls-tree / git show / git for-each-ref in DIR) wrapped so that the two
//      calls it forwards to the GitHub API are answered locally:
//        - releaseIterator: one GitHub release per tag (name = tagName = tag, sha = tag's commit),
//          newest version first, i.e. "every tag has a GitHub release", as in a repository that
//          release-please has been releasing;
//        - pullRequestIterator: no pull requests.
//      getFileJson/getFileContentsOnBranch for release-please-config.json and
//      .release-please-manifest.json are answered from memory (nothing is written to DIR).
//    * manifest: {".": VERSION}; VERSION = --version, else the highest semver tag reachable from
//      HEAD (leading "v" stripped), else {} (no release yet: bootstrap, all commits count).
//    * config: {"packages": {".": {"release-type": "simple"}}} merged with --config JSON
//      (top-level keys, e.g. '{"bump-minor-pre-major": true}' or '{"packages":{".":{...}}}');
//      --full-config JSON is the whole release-please-config.json instead, and --manifest JSON
//      the whole .release-please-manifest.json (for several packages).
//    * --action JSON: no manifest at all, as googleapis/release-please-action runs with a
//      `release-type` input and no configuration file: Manifest.fromConfig(github, 'main',
//      {releaseType, includeComponentInTag, changelogHost} from the inputs (keys as the
//      action's: release-type, include-component-in-tag, changelog-host; v4 reads no
//      versioning-strategy or release-as), {}, path); the current version is the latest
//      release tag release-please finds itself (latestReleaseVersion).
//    * --releaser JSON: no manifest either, a ReleaserConfig given as is (camelCase keys), as the
//      release-please GitHub App builds one from .github/release-please.yml (buildManifest in
//      googleapis/repo-automation-bots packages/release-please/src/release-please.ts):
//      Manifest.fromConfig(github, 'main', JSON, {}, JSON.path).
//    * --files JSON: {path: text} of further files the branch holds (e.g. the package.json the
//      node release type reads its name from), answered from memory like the configuration.
//    * owner/repo: from --owner/--repo, else from DIR's origin URL (github.com/OWNER/REPO), else o/r.
//    Prints JSON: {version|null, notes (the changelog entry = release notes, byte-exact),
//    changelog (what CHANGELOG.md would become, from --changelog FILE or a new file),
//    title, pr_body, releases[] ({component, version, notes} of every release of every pull
//    request), packages[] ({path, version, notes} of every package released, read from the
//    CHANGELOG.md update each release makes: its directory is the package's path when
//    changelog-path is the default), logs[]}.
//
// 2) commits mode — the pieces, fed from a JSON list of {sha, message, files}:
//      node rp/run.js commits FILE.json --node-modules DIR [--version X.Y.Z]
//                     [--bump-minor-pre-major] [--bump-patch-for-minor-pre-major]
//                     [--owner o --repo r] [--previous-tag T]
//    parseConventionalCommits -> DefaultVersioningStrategy.bump (or initial 1.0.0 without
//    --version) -> DefaultChangelogNotes.buildNotes -> "changelogEmpty" check
//    (notes.split('\n').length <= 1 => no release), mirroring BaseStrategy.buildReleasePullRequest.
//    FILE.json may be "-" for stdin.  Prints the same JSON shape (plus parsed commits).
'use strict';
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');

const ARGS = parseArgs(process.argv.slice(2));
if (!ARGS['node-modules'] || ARGS['node-modules'] === true) {
  process.stderr.write('rp/run.js: --node-modules DIR is required (TOOLS_DIR/npm/node_modules)\n');
  process.exit(2);
}
const RP = path.join(path.resolve(ARGS['node-modules']), 'release-please', 'build', 'src');
const { LocalGitHub } = require(path.join(RP, 'local-github.js'));
const { Manifest } = require(path.join(RP, 'manifest.js'));
const { parseConventionalCommits } = require(path.join(RP, 'commit.js'));
const { DefaultVersioningStrategy } = require(path.join(RP, 'versioning-strategies', 'default.js'));
const { DefaultChangelogNotes } = require(path.join(RP, 'changelog-notes', 'default.js'));
const { Version } = require(path.join(RP, 'version.js'));
const { TagName } = require(path.join(RP, 'util', 'tag-name.js'));
const { filterCommits } = require(path.join(RP, 'util', 'filter-commits.js'));
const { Changelog } = require(path.join(RP, 'updaters', 'changelog.js'));
const loggerMod = require(path.join(RP, 'util', 'logger.js'));

function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const k = a.slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[k] = true;
      else { out[k] = next; i++; }
    } else out._.push(a);
  }
  return out;
}

// A logger that records everything (release-please's own messages, e.g. "No user facing
// commits found since ... - skipping") instead of printing them.
function makeLogger(debug) {
  const logs = [];
  const mk = (lvl) => (...args) => {
    const line = `${lvl}: ${args.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}`;
    logs.push(line);
    if (debug) process.stderr.write(line + '\n');
  };
  const logger = { error: mk('error'), warn: mk('warn'), info: mk('info'), debug: mk('debug'), trace: mk('trace') };
  logger.child = () => logger;
  return { logger, logs };
}

function git(dir, args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

function semverish(tag) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(tag);
  return m ? m : null;
}

function cmpVersion(a, b) {
  // compare via release-please's Version + semver precedence
  const semver = require(require.resolve('semver', { paths: [RP] }));
  return semver.compare(a, b);
}

function detectVersion(dir) {
  const tags = git(dir, ['tag', '--merged', 'HEAD']).split('\n').filter(Boolean);
  let best = null;
  for (const t of tags) {
    if (!semverish(t)) continue;
    const v = t.replace(/^v/, '');
    if (!best || cmpVersion(v, best) > 0) best = v;
  }
  return best;
}

function ownerRepo(dir, args) {
  if (args.owner && args.repo) return { owner: args.owner, repo: args.repo };
  try {
    const url = git(dir, ['remote', 'get-url', 'origin']).trim();
    const m = /github\.com[/:]([^/]+)\/(.+?)(?:\.git)?$/.exec(url);
    if (m) return { owner: m[1], repo: m[2] };
  } catch (e) { /* no origin */ }
  return { owner: 'o', repo: 'r' };
}

async function repoMode(dir, args) {
  dir = path.resolve(dir);
  const { logger, logs } = makeLogger(!!args.debug);
  loggerMod.setLogger(logger);
  const { owner, repo } = ownerRepo(dir, args);
  let manifestJson;
  if (args.manifest) {
    manifestJson = JSON.parse(args.manifest);
  } else {
    let version = args.version === undefined ? detectVersion(dir) : args.version;
    if (version === 'none') version = null;
    manifestJson = version ? { '.': version } : {};
  }
  let config = { packages: { '.': { 'release-type': 'simple' } } };
  if (args['full-config']) {
    config = JSON.parse(args['full-config']);
  } else if (args.config) {
    const extra = JSON.parse(args.config);
    for (const [k, v] of Object.entries(extra)) {
      if (k === 'packages') {
        for (const [p, pc] of Object.entries(v)) config.packages[p] = { ...(config.packages[p] || {}), ...pc };
      } else config[k] = v;
    }
  }
  const repository = { owner, repo, defaultBranch: 'main' };
  const extraFiles = args.files ? JSON.parse(args.files) : {};
  // Tag list, newest version first (as LocalGitHub.tagIterator sorts them).
  const tagLines = git(dir, ['for-each-ref', '--sort=-version:refname', 'refs/tags',
    '--format=%(refname:short)|%(objectname)|%(*objectname)']).split('\n').filter(Boolean);
  const fakeApi = {
    repository,
    async *releaseIterator() {
      for (const line of tagLines) {
        const [name, obj, peeled] = line.split('|');
        yield { id: 0, name, tagName: name, sha: peeled || obj, notes: '', url: `https://github.com/${owner}/${repo}/releases/tag/${name}`, draft: false, prerelease: false };
      }
    },
    async *pullRequestIterator() {},
  };
  class OfflineGitHub extends LocalGitHub {
    async getFileContentsOnBranch(p, branch) {
      const mem = { 'release-please-config.json': config, '.release-please-manifest.json': manifestJson };
      if (p in mem || p in extraFiles) {
        const s = p in mem ? JSON.stringify(mem[p], null, 2) + '\n' : extraFiles[p];
        return { content: Buffer.from(s).toString('base64'), parsedContent: s, sha: '', mode: '100644' };
      }
      return super.getFileContentsOnBranch(p, branch);
    }
  }
  const github = new OfflineGitHub(repository, fakeApi, dir, { logger });
  let manifest;
  if (args.releaser) {
    const releaser = JSON.parse(args.releaser);
    manifest = await Manifest.fromConfig(github, 'main', releaser, { logger }, releaser.path);
  } else if (args.action) {
    const inputs = JSON.parse(args.action);
    // release-please-action v4 (src/index.ts, loadOrBuildManifest) passes these three
    // inputs and no others: `versioning-strategy` and `release-as` were v3 inputs, which v4
    // no longer reads.
    manifest = await Manifest.fromConfig(github, 'main', {
      releaseType: inputs['release-type'],
      includeComponentInTag: inputs['include-component-in-tag'],
      changelogHost: inputs['changelog-host'] || 'https://github.com',
    }, { logger }, inputs.path);
  } else {
    manifest = await Manifest.fromManifest(github, 'main', 'release-please-config.json',
      '.release-please-manifest.json', { logger });
  }
  const prs = await manifest.buildPullRequests();
  const noManifest = args.action || args.releaser;
  const result = { mode: 'repo', owner, repo, manifest: noManifest ? null : manifestJson,
    config: noManifest ? JSON.parse(noManifest) : config, version: null, notes: null, changelog: null,
    title: null, releases: [], logs };
  result.packages = [];
  for (const pr of prs) {
    for (const r of pr.body.releaseData) {
      result.releases.push({ component: r.component || null, version: r.version ? r.version.toString() : null,
        notes: r.notes });
    }
    // per package, by the path of the CHANGELOG.md it updates (its entry is the release notes)
    for (const u of pr.updates) {
      if (u.updater instanceof Changelog) {
        const dir = path.posix.dirname(u.path);
        result.packages.push({ path: dir, version: u.updater.version ? u.updater.version.toString() : null,
          notes: u.updater.changelogEntry });
      }
    }
  }
  if (prs.length > 0) {
    const pr = prs[0];
    result.version = pr.version ? pr.version.toString() : null;
    result.title = pr.title.toString();
    result.notes = pr.body.releaseData.map((r) => r.notes).join('\n\n');
    const chUpdate = pr.updates.find((u) => u.updater instanceof Changelog);
    if (chUpdate) {
      const existing = args.changelog ? fs.readFileSync(args.changelog, 'utf8') : undefined;
      result.changelog = chUpdate.updater.updateContent(existing);
    }
    result.pr_body = pr.body.toString();
  }
  return result;
}

async function commitsMode(file, args) {
  const { logger, logs } = makeLogger(!!args.debug);
  loggerMod.setLogger(logger);
  const raw = JSON.parse(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
  const commits = raw.map((c) => ({ sha: c.sha, message: c.message, files: c.files || [] }));
  const owner = args.owner || 'owner', repo = args.repo || 'repo';
  const conv = parseConventionalCommits(commits, logger);
  const result = { mode: 'commits', version: null, notes: null, logs,
    parsed: conv.map((c) => ({ sha: c.sha, type: c.type, scope: c.scope, bareMessage: c.bareMessage, breaking: c.breaking, notes: c.notes })) };
  if (conv.length === 0) { logs.push('info: No commits for path: ., skipping'); return result; }
  const strategy = new DefaultVersioningStrategy({
    bumpMinorPreMajor: !!args['bump-minor-pre-major'],
    bumpPatchForMinorPreMajor: !!args['bump-patch-for-minor-pre-major'],
    logger,
  });
  // Release-As note (newest commit first, like BaseStrategy.buildNewVersion)
  let newVersion;
  const releaseAs = conv.find((c) => c.notes.find((n) => n.title === 'RELEASE AS'));
  if (releaseAs) newVersion = Version.parse(releaseAs.notes.find((n) => n.title === 'RELEASE AS').text);
  else if (args.version && args.version !== true) newVersion = await strategy.bump(Version.parse(args.version), conv);
  else newVersion = Version.parse('1.0.0');
  const previousTag = args['previous-tag'] || (args.version && args.version !== true ? `v${args.version}` : undefined);
  const currentTag = new TagName(newVersion, undefined, '-', true).toString();
  const notes = await new DefaultChangelogNotes().buildNotes(conv, {
    owner, repository: repo, version: newVersion.toString(), previousTag, currentTag,
    targetBranch: 'main', commits,
  });
  result.visible = filterCommits(conv).map((c) => c.sha);
  if (notes.split('\n').length <= 1) {
    logs.push(`info: No user facing commits found - skipping (would have been ${newVersion})`);
    return result;
  }
  result.version = newVersion.toString();
  result.notes = notes;
  return result;
}

async function main() {
  const args = ARGS;
  const [mode, target] = args._;
  let r;
  if (mode === 'repo') r = await repoMode(target, args);
  else if (mode === 'commits') r = await commitsMode(target, args);
  else {
    process.stderr.write('usage: run.js repo DIR [...] | run.js commits FILE.json [...]\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(r, null, 1) + '\n');
}

main().catch((e) => { process.stderr.write((e && e.stack) || String(e)); process.stderr.write('\n'); process.exit(1); });
