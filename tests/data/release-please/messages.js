// Random commit messages that exercise release-please's parser: headers of every shape,
// bodies, footers, breaking markers, nested commits, header-like body lines.
'use strict';
let seed = 1;
function setSeed(s) { seed = s; }
function random() {
  // mulberry32
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const maybe = (p) => random() < p;

const TYPES = ['feat', 'fix', 'docs', 'chore', 'refactor', 'perf', 'revert', 'feature', 'Feat',
  'FIX', 'deps', 'ci', 'build', 'style', 'test', 'my-type', 'feat.x'];
const SCOPES = ['api', 'cli', '*', '', 'a b', 'deps', 'core,ui', 'a(b', 'x)'];
const WORDS = ['add endpoint', 'crash on empty input (#34)', 'handle <null> & stuff',
  'use `a<b>` here', 'see #12 and @octocat', 'Ümlaut café', 'trailing space ', 'x', '',
  'tab\there', 'a: b', 'fix: inner', '#5 first'];

function header() {
  const r = random();
  if (r < 0.06) return 'Revert "' + header() + '"';
  if (r < 0.09) return pick(['Merge branch \'topic\'', 'Merge pull request #7 from o/b', 'update readme', 'WIP']);
  let h = pick(TYPES);
  if (maybe(0.4)) h += '(' + pick(SCOPES) + ')';
  if (maybe(0.25)) h += '!';
  if (maybe(0.03)) return h + ' ' + pick(WORDS);
  h += pick([': ', ': ', ': ', ':', ':  ', ':\t']);
  return h + pick(WORDS);
}

function bodyLine() {
  return pick([
    'some explanation', 'more text here', 'BREAKING CHANGE: the api changed',
    'BREAKING-CHANGE: node 20 required', 'breaking change: lowercase', 'BREAKING CHANGE the colon is missing',
    'see BREAKING-CHANGE: inline', '#### Deleted endpoints', '- endpoint one', '* endpoint two',
    'call(x', 'call (x', 'feat: looks like a header', 'fix(api): also a header', 'feat!: bang header',
    'Refs: #12', 'Refs #13', 'Closes #14', 'Fixes: 15', 'Refs: #16, #17', 'Release-As: 2.0.0',
    'release-as: 3.1.0-rc.1', 'Signed-off-by: A <a@example.com>', 'Co-authored-by: B <b@x>',
    '  indented continuation', '\tindented with tab', 'This reverts commit 0123456789abcdef0123456789abcdef01234567.',
    'Reviewed-by: Z', 'BREAKING CHANGE:', 'BREAKING CHANGE: first\n  continued', 'token: value',
    'docs(readme): header-like', 'chore(): empty scope', 'a(b): paren token',
  ]);
}

function paragraph() {
  const n = 1 + Math.floor(random() * 3);
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(bodyLine());
  return lines.join('\n');
}

function message() {
  let m = header();
  const paragraphs = Math.floor(random() * 4);
  for (let i = 0; i < paragraphs; i++) {
    const sep = pick(['\n\n', '\n\n', '\n', '\n\n\n', '\r\n\r\n']);
    if (maybe(0.08)) {
      m += sep + 'BEGIN_NESTED_COMMIT\n' + header() + (maybe(0.5) ? '\n\n' + paragraph() : '') + '\nEND_NESTED_COMMIT';
    } else {
      m += sep + paragraph();
    }
  }
  return m;
}

module.exports = { setSeed, random, pick, maybe, header, message };
