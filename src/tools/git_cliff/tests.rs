//! The notes rendered from a commit context cut to what the template reaches must be the
//! notes of the whole context: git-cliff's own example configurations, and templates
//! composed from the ways a template reads a commit.

use proptest::prelude::*;
use semver::Version;

use super::notes::render_reaching;
use super::reach::Reach;
use super::*;
use crate::app::check::stored_commit;

const MESSAGES: &[(&str, usize)] = &[
    (
        "feat(api): add the list endpoint\n\nCloses #12\n\nSigned-off-by: Ana <ana@example.com>",
        1,
    ),
    (
        "fix!: drop the old flag\n\nBREAKING CHANGE: the flag is gone",
        1,
    ),
    ("fix(core): ünïcode in the scope ✓\n\nRefs: #7", 1),
    ("docs: say how\n\nA body\nover lines.", 1),
    ("chore(deps): bump tera", 1),
    ("perf: faster", 1),
    ("Merge branch 'topic'", 2),
    ("just some words", 1),
    (
        "refactor(api)!: rename\n\nBREAKING-CHANGE: renamed\nReviewed-by: Bo",
        1,
    ),
    ("feat: security fix for CVE-1", 1),
    ("docs: the body author and links of github", 1),
];

fn changes() -> Vec<Change> {
    MESSAGES
        .iter()
        .enumerate()
        .map(|(n, (message, parents))| Change {
            id: format!("{:040x}", n + 1),
            message: stored_commit(message.as_bytes(), *parents),
            paths: Vec::new(),
            parent_count: *parents,
            author: format!("Author {n}"),
            time: 1_704_067_260 + n as i64,
        })
        .rev()
        .collect()
}

/// The notes for a release of [`MESSAGES`] under `cliff`, with the fields `reach` keeps.
fn notes(cliff: &GitCliff, reach: impl Fn(&tera::Template) -> Reach) -> String {
    let changes = changes();
    let noted: Vec<usize> = (0..changes.len()).collect();
    let version = Version::new(1, 1, 0);
    let release = Release {
        version: &version,
        tag: "v1.1.0",
        previous_tag: Some("v1.0.0"),
        previous_id: Some("00000000000000000000000000000000000000ff"),
        date: "2024-01-01",
        timestamp: 1_704_067_300,
        forge: None,
        remote: None,
        changes: &changes,
        noted: &noted,
    };
    render_reaching(cliff, &release, reach).unwrap_or_else(|e| format!("error: {}", e.0))
}

fn with_body(body: &str) -> GitCliff {
    let text = format!("[changelog]\nbody = '''{body}'''\n");
    GitCliff::new(Settings::from_file_text("cliff.toml", &text).unwrap())
}

fn example(name: &str) -> GitCliff {
    let path = format!(
        "{}/tests/data/git-cliff-examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    GitCliff::new(Settings::from_file_text(name, &text).unwrap())
}

fn reach_of(cliff: &GitCliff) -> Reach {
    let mut tera = tera::Tera::default();
    tera.add_raw_template("body", &cliff.settings.changelog.body)
        .unwrap();
    Reach::of(tera.get_template("body").unwrap())
}

#[test]
fn git_cliffs_examples_render_the_same_from_the_fields_they_reach() {
    let directory = format!(
        "{}/tests/data/git-cliff-examples",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 13);
    for name in names {
        let cliff = example(&name);
        let whole = notes(&cliff, |_| Reach::Every);
        // herald has no statistics: git-cliff fills them in only as it writes a changelog.
        if name != "statistics.toml" {
            assert!(!whole.starts_with("error"), "{name}: {whole}");
        }
        assert_eq!(notes(&cliff, Reach::of), whole, "{name}");
        assert_ne!(reach_of(&cliff), Reach::Every, "{name} reaches every field");
    }
    let default = GitCliff::new(Settings::defaults());
    assert_eq!(
        notes(&default, Reach::of),
        notes(&default, |_| Reach::Every)
    );
    let Reach::Named(names) = reach_of(&default) else {
        panic!("the default template reaches every field");
    };
    for absent in ["author", "github", "raw_message", "footers"] {
        assert!(!names.contains(absent), "{absent}");
    }
}

/// Ways a template reads a commit `c`; some read nothing but the whole commit.
const READINGS: &[&str] = &[
    "{{ c.message }}",
    "{{ c.body }}",
    "{{ c.raw_message | length }}",
    "{{ c.footers | length }}",
    "{% for f in c.footers %}{{ f.token }}{{ f.separator }}{{ f.value }}{{ f.breaking }}{% endfor %}",
    "{{ c.links | json_encode }}",
    "{{ c.author.name }}/{{ c.committer.timestamp }}",
    "{{ c.github.username }}{{ c.gitlab.pr_labels | length }}",
    "{{ c['azure_devops'].is_first_time }}",
    "{% if 'bitbucket' in c %}bb{% endif %}",
    "{% if c.gitea is defined %}gitea{% endif %}",
    "{{ c | get(key='merge_commit') }}",
    "{{ c.conventional }}{{ c.breaking }}{{ c.breaking_description }}",
    "{{ c.statistics }}{{ c.extra }}",
    "{{ c | length }}",
    "{{ c | json_encode }}",
    "{% for k, v in c %}{{ k }};{% endfor %}",
    "{% if c is containing('scope') %}scoped{% endif %}",
    "{{ c.scope | default(value='-') }}",
    "{{ c }}",
    "{{ __tera_context }}",
    "{% for w in c.message | split(pat=' ') %}{% if w in c %}[{{ w }}]{% endif %}{% endfor %}",
    "{% for w in c.message | split(pat=' ') %}{% if c is containing(w) %}<{{ w }}>{% endif %}{% endfor %}",
];

/// Lists of commits a template loops over.
const LOOPS: &[(&str, &str)] = &[
    ("{% for c in commits %}", "{% endfor %}"),
    (
        "{% for g, cs in commits | group_by(attribute='group') %}{{ g }}{{ cs | length }}{% for c in cs %}",
        "{% endfor %}{% endfor %}",
    ),
    (
        "{% for e in commits | commit_groups(groups=commit_parsers_groups) %}{% for c in e.commits %}",
        "{% endfor %}{% endfor %}",
    ),
    (
        "{% for c in commits | filter(attribute='conventional', value=true) | sort(attribute='id') %}",
        "{% endfor %}",
    ),
    ("{% set c = commits | first %}", ""),
];

fn same_from_the_fields_reached(open: &str, readings: &[&str], close: &str) -> Result<(), String> {
    let body = format!("{open}{}\n{close}", readings.join("|"));
    let cliff = with_body(&body);
    let (cut, whole) = (notes(&cliff, Reach::of), notes(&cliff, |_| Reach::Every));
    if cut == whole {
        Ok(())
    } else {
        Err(format!("{body}\n cut: {cut}\n whole: {whole}"))
    }
}

#[test]
fn each_reading_in_each_loop_renders_the_same_from_the_fields_it_reaches() {
    for (open, close) in LOOPS {
        for reading in READINGS {
            same_from_the_fields_reached(open, &[reading], close).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn composed_templates_render_the_same_from_the_fields_they_reach(
        (open, close) in prop::sample::select(LOOPS),
        readings in prop::collection::vec(prop::sample::select(READINGS), 1..4),
    ) {
        prop_assert_eq!(same_from_the_fields_reached(open, &readings, close), Ok(()));
    }
}

#[test]
fn commit_groups_of_something_else_says_what_it_got() {
    let cliff = with_body("{{ version | commit_groups }}");
    assert_eq!(
        notes(&cliff, Reach::of),
        "error: cliff.toml: [changelog] body: Failed to render 'body': Filter call 'commit_groups' failed: Filter `commit_groups` was called on an incorrect value: got `\"v1.1.0\"` but expected a Vec<Value>"
    );
}

#[test]
fn a_range_is_processed_again_unless_it_is_the_last_one() {
    let cliff = GitCliff::new(Settings::defaults());
    let range = changes();
    let first = cliff.process(&range);
    assert!(
        Arc::ptr_eq(&first, &cliff.process(&range)),
        "the same range"
    );
    // Another commit in the middle of a range of the same length and ends.
    let mut other = changes();
    other[3] = Change {
        id: format!("{:040x}", 99),
        message: stored_commit(b"feat: another", 1),
        ..other[3].clone()
    };
    let second = cliff.process(&other);
    assert!(!Arc::ptr_eq(&first, &second));
    assert!(second.kept.iter().any(|c| c.message == "feat: another"));
    assert!(!first.kept.iter().any(|c| c.message == "feat: another"));
    // Only the last range is kept.
    let third = cliff.process(&range);
    assert!(!Arc::ptr_eq(&first, &third));
    // Its last use gives it up.
    assert!(Arc::ptr_eq(&third, &cliff.process_last(&range)));
    assert!(!Arc::ptr_eq(&third, &cliff.process_last(&range)));
    assert!(!Arc::ptr_eq(&third, &cliff.process(&range)));
}
