//! `String.prototype.localeCompare` as node 22 (ICU, `en-US`) answers it, for the sorts
//! the JavaScript release tools do inside changelog sections.
//!
//! ICU compares all primary weights first (letters without case or accent; spaces and
//! punctuation before symbols, digits and letters), then accents, then case (lowercase
//! first). Control characters are ignored. The weights of U+0000–U+024F are taken from node
//! itself; beyond that, combining marks count as accents only, other letters sort after the
//! Latin ones, general punctuation (U+2000–U+206F) among the ASCII punctuation and other
//! symbols (emoji included) after `~`, in code point order.

use std::cmp::Ordering;

/// `(primary, secondary, tertiary)` ranks of U+0000–U+024F as node 22 orders them;
/// `(0, 0, 0)` is ignored, `(255, _, _)` expands to two letters (see [`expansion`]).
#[rustfmt::skip]
const TABLE: [(u8, u8, u8); 0x250] = [
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (7, 0, 0), (13, 0, 0), (20, 0, 0), (36, 0, 0), (60, 0, 0), (37, 0, 0), (35, 0, 0), (19, 0, 0),
    (23, 0, 0), (24, 0, 0), (32, 0, 0), (47, 0, 0), (10, 0, 0), (9, 0, 0), (17, 0, 0), (33, 0, 0),
    (63, 0, 0), (64, 0, 0), (67, 0, 0), (68, 0, 0), (70, 0, 0), (71, 0, 0), (72, 0, 0), (73, 0, 0),
    (74, 0, 0), (75, 0, 0), (12, 0, 0), (11, 0, 0), (51, 0, 0), (52, 0, 0), (53, 0, 0), (15, 0, 0),
    (31, 0, 0), (76, 0, 1), (78, 0, 1), (82, 0, 1), (85, 0, 1), (90, 0, 1), (95, 0, 1), (97, 0, 1),
    (102, 0, 1), (104, 0, 1), (108, 0, 1), (111, 0, 1), (113, 0, 1), (117, 0, 1), (118, 0, 1), (123, 0, 1),
    (127, 0, 1), (129, 0, 1), (132, 0, 1), (135, 0, 1), (139, 0, 1), (146, 0, 1), (150, 0, 1), (153, 0, 1),
    (154, 0, 1), (155, 0, 1), (159, 0, 1), (25, 0, 0), (34, 0, 0), (26, 0, 0), (40, 0, 0), (8, 0, 0),
    (38, 0, 0), (76, 0, 0), (78, 0, 0), (82, 0, 0), (85, 0, 0), (90, 0, 0), (95, 0, 0), (97, 0, 0),
    (102, 0, 0), (104, 0, 0), (108, 0, 0), (111, 0, 0), (113, 0, 0), (117, 0, 0), (118, 0, 0), (123, 0, 0),
    (127, 0, 0), (129, 0, 0), (132, 0, 0), (135, 0, 0), (139, 0, 0), (146, 0, 0), (150, 0, 0), (153, 0, 0),
    (154, 0, 0), (155, 0, 0), (159, 0, 0), (27, 0, 0), (55, 0, 0), (28, 0, 0), (57, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (6, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (7, 0, 1), (14, 0, 0), (59, 0, 0), (61, 0, 0), (58, 0, 0), (62, 0, 0), (56, 0, 0), (29, 0, 0),
    (42, 0, 0), (45, 0, 0), (76, 0, 2), (21, 0, 0), (54, 0, 0), (0, 0, 0), (46, 0, 0), (41, 0, 0),
    (44, 0, 0), (48, 0, 0), (67, 0, 1), (68, 0, 1), (39, 0, 0), (178, 0, 0), (30, 0, 0), (18, 0, 0),
    (43, 0, 0), (64, 0, 1), (123, 0, 2), (22, 0, 0), (66, 0, 0), (65, 0, 0), (69, 0, 0), (16, 0, 0),
    (76, 2, 1), (76, 1, 1), (76, 4, 1), (76, 10, 1), (76, 8, 1), (76, 6, 1), (255, 0, 0), (82, 5, 1),
    (90, 2, 1), (90, 1, 1), (90, 4, 1), (90, 6, 1), (104, 2, 1), (104, 1, 1), (104, 4, 1), (104, 6, 1),
    (85, 3, 1), (118, 4, 1), (123, 2, 1), (123, 1, 1), (123, 4, 1), (123, 9, 1), (123, 6, 1), (50, 0, 0),
    (123, 13, 1), (146, 2, 1), (146, 1, 1), (146, 4, 1), (146, 7, 1), (155, 1, 1), (166, 0, 1), (255, 0, 0),
    (76, 2, 0), (76, 1, 0), (76, 4, 0), (76, 10, 0), (76, 8, 0), (76, 6, 0), (255, 0, 0), (82, 5, 0),
    (90, 2, 0), (90, 1, 0), (90, 4, 0), (90, 6, 0), (104, 2, 0), (104, 1, 0), (104, 4, 0), (104, 6, 0),
    (85, 3, 0), (118, 4, 0), (123, 2, 0), (123, 1, 0), (123, 4, 0), (123, 9, 0), (123, 6, 0), (49, 0, 0),
    (123, 13, 0), (146, 2, 0), (146, 1, 0), (146, 4, 0), (146, 7, 0), (155, 1, 0), (166, 0, 0), (155, 3, 0),
    (76, 14, 1), (76, 14, 0), (76, 3, 1), (76, 3, 0), (76, 13, 1), (76, 13, 0), (82, 1, 1), (82, 1, 0),
    (82, 2, 1), (82, 2, 0), (82, 4, 1), (82, 4, 0), (82, 3, 1), (82, 3, 0), (85, 1, 1), (85, 1, 0),
    (85, 2, 1), (85, 2, 0), (90, 10, 1), (90, 10, 0), (90, 3, 1), (90, 3, 0), (90, 7, 1), (90, 7, 0),
    (90, 9, 1), (90, 9, 0), (90, 5, 1), (90, 5, 0), (97, 3, 1), (97, 3, 0), (97, 2, 1), (97, 2, 0),
    (97, 5, 1), (97, 5, 0), (97, 6, 1), (97, 6, 0), (102, 1, 1), (102, 1, 0), (102, 3, 1), (102, 3, 0),
    (104, 7, 1), (104, 7, 0), (104, 10, 1), (104, 10, 0), (104, 3, 1), (104, 3, 0), (104, 9, 1), (104, 9, 0),
    (104, 8, 0), (105, 0, 0), (255, 0, 0), (255, 0, 0), (108, 1, 1), (108, 1, 0), (111, 2, 1), (111, 2, 0),
    (131, 0, 0), (113, 1, 1), (113, 1, 0), (113, 3, 1), (113, 3, 0), (113, 2, 1), (113, 2, 0), (113, 5, 1),
    (113, 5, 0), (113, 4, 1), (113, 4, 0), (118, 1, 1), (118, 1, 0), (118, 5, 1), (118, 5, 0), (118, 3, 1),
    (118, 3, 0), (173, 0, 0), (122, 0, 1), (122, 0, 0), (123, 17, 1), (123, 17, 0), (123, 3, 1), (123, 3, 0),
    (123, 8, 1), (123, 8, 0), (255, 0, 0), (255, 0, 0), (132, 1, 1), (132, 1, 0), (132, 3, 1), (132, 3, 0),
    (132, 2, 1), (132, 2, 0), (135, 1, 1), (135, 1, 0), (135, 2, 1), (135, 2, 0), (135, 4, 1), (135, 4, 0),
    (135, 3, 1), (135, 3, 0), (139, 2, 1), (139, 2, 0), (139, 1, 1), (139, 1, 0), (140, 0, 1), (140, 0, 0),
    (146, 13, 1), (146, 13, 0), (146, 15, 1), (146, 15, 0), (146, 3, 1), (146, 3, 0), (146, 6, 1), (146, 6, 0),
    (146, 12, 1), (146, 12, 0), (146, 14, 1), (146, 14, 0), (153, 1, 1), (153, 1, 0), (155, 2, 1), (155, 2, 0),
    (155, 3, 1), (159, 1, 1), (159, 1, 0), (159, 3, 1), (159, 3, 0), (159, 2, 1), (159, 2, 0), (135, 6, 0),
    (79, 0, 0), (80, 0, 0), (81, 0, 1), (81, 0, 0), (171, 0, 1), (171, 0, 0), (124, 0, 0), (84, 0, 1),
    (84, 0, 0), (86, 0, 0), (87, 0, 0), (88, 0, 1), (88, 0, 0), (255, 0, 0), (92, 0, 1), (93, 0, 0),
    (94, 0, 0), (96, 0, 1), (96, 0, 0), (99, 0, 0), (100, 0, 0), (103, 0, 0), (107, 0, 0), (106, 0, 0),
    (112, 0, 1), (112, 0, 0), (114, 0, 0), (116, 0, 0), (148, 0, 0), (119, 0, 0), (120, 0, 0), (125, 0, 0),
    (123, 20, 1), (123, 20, 0), (101, 0, 1), (101, 0, 0), (128, 0, 1), (128, 0, 0), (133, 0, 0), (169, 0, 1),
    (169, 0, 0), (137, 0, 0), (138, 0, 0), (142, 0, 0), (143, 0, 1), (143, 0, 0), (144, 0, 0), (146, 18, 1),
    (146, 18, 0), (149, 0, 0), (151, 0, 0), (157, 0, 1), (157, 0, 0), (160, 0, 1), (160, 0, 0), (163, 0, 0),
    (164, 0, 1), (164, 0, 0), (165, 0, 0), (168, 0, 0), (170, 0, 1), (170, 0, 0), (255, 0, 0), (167, 0, 0),
    (174, 0, 0), (175, 0, 0), (176, 0, 0), (177, 0, 0), (255, 0, 0), (255, 0, 0), (255, 0, 0), (255, 0, 0),
    (255, 0, 0), (255, 0, 0), (255, 0, 0), (255, 0, 0), (255, 0, 0), (76, 5, 1), (76, 5, 0), (104, 5, 1),
    (104, 5, 0), (123, 5, 1), (123, 5, 0), (146, 5, 1), (146, 5, 0), (146, 11, 1), (146, 11, 0), (146, 8, 1),
    (146, 8, 0), (146, 10, 1), (146, 10, 0), (146, 9, 1), (146, 9, 0), (92, 0, 0), (76, 9, 1), (76, 9, 0),
    (76, 12, 1), (76, 12, 0), (255, 0, 0), (255, 0, 0), (98, 0, 1), (98, 0, 0), (97, 4, 1), (97, 4, 0),
    (111, 1, 1), (111, 1, 0), (123, 15, 1), (123, 15, 0), (123, 16, 1), (123, 16, 0), (163, 1, 1), (163, 1, 0),
    (108, 2, 0), (255, 0, 0), (255, 0, 0), (255, 0, 0), (97, 1, 1), (97, 1, 0), (103, 0, 1), (167, 0, 1),
    (118, 2, 1), (118, 2, 0), (76, 7, 1), (76, 7, 0), (255, 0, 0), (255, 0, 0), (123, 14, 1), (123, 14, 0),
    (76, 15, 1), (76, 15, 0), (76, 16, 1), (76, 16, 0), (90, 11, 1), (90, 11, 0), (90, 12, 1), (90, 12, 0),
    (104, 11, 1), (104, 11, 0), (104, 12, 1), (104, 12, 0), (123, 18, 1), (123, 18, 0), (123, 19, 1), (123, 19, 0),
    (132, 4, 1), (132, 4, 0), (132, 5, 1), (132, 5, 0), (146, 16, 1), (146, 16, 0), (146, 17, 1), (146, 17, 0),
    (135, 5, 1), (135, 5, 0), (139, 3, 1), (139, 3, 0), (158, 0, 1), (158, 0, 0), (102, 2, 1), (102, 2, 0),
    (120, 0, 1), (89, 0, 0), (126, 0, 1), (126, 0, 0), (161, 0, 1), (161, 0, 0), (76, 11, 1), (76, 11, 0),
    (90, 8, 1), (90, 8, 0), (123, 7, 1), (123, 7, 0), (123, 10, 1), (123, 10, 0), (123, 11, 1), (123, 11, 0),
    (123, 12, 1), (123, 12, 0), (155, 4, 1), (155, 4, 0), (115, 0, 0), (121, 0, 0), (145, 0, 0), (109, 0, 0),
    (255, 0, 0), (255, 0, 0), (77, 0, 0), (83, 0, 1), (83, 0, 0), (114, 0, 1), (141, 0, 0), (136, 0, 0),
    (162, 0, 0), (172, 0, 1), (172, 0, 0), (79, 0, 1), (147, 0, 0), (152, 0, 0), (91, 0, 1), (91, 0, 0),
    (110, 0, 1), (110, 0, 0), (130, 0, 1), (130, 0, 0), (134, 0, 1), (134, 0, 0), (156, 0, 1), (156, 0, 0),
];

const SPACE: u8 = 7;
/// `"`: other punctuation (U+2000–U+206F) goes after it.
const QUOTE: u8 = 20;
/// `~`: other symbols (emoji included) go after it, before the currency signs.
const TILDE: u8 = 57;
const LAST_LATIN: u8 = 178;
/// Room between two primary ranks for characters outside the table.
const SCALE: u32 = 1 << 21;

/// One collation element.
#[derive(Debug, Clone, Copy)]
struct Element {
    primary: u32,
    secondary: u32,
    tertiary: u32,
}

/// Letters that ICU reads as two (`æ` as `ae`, `ß` as `ss`), with their case.
fn expansion(c: char) -> Option<(&'static str, bool)> {
    Some(match c {
        'Æ' | 'Ǣ' | 'Ǽ' => ("ae", true),
        'æ' | 'ǣ' | 'ǽ' => ("ae", false),
        'ß' => ("ss", false),
        'Ĳ' => ("ij", true),
        'ĳ' => ("ij", false),
        'Œ' => ("oe", true),
        'œ' => ("oe", false),
        'ƍ' => ("zw", false),
        'ƾ' => ("ts", false),
        'Ǆ' | 'Ǳ' => ("dz", true),
        'ǅ' | 'ǆ' | 'ǲ' | 'ǳ' => ("dz", false),
        'Ǉ' => ("lj", true),
        'ǈ' | 'ǉ' => ("lj", false),
        'Ǌ' => ("nj", true),
        'ǋ' | 'ǌ' => ("nj", false),
        'ȸ' => ("db", false),
        'ȹ' => ("qp", false),
        _ => return None,
    })
}

fn elements(text: &str) -> Vec<Element> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        push_elements(c, &mut out);
    }
    out
}

fn push_elements(c: char, out: &mut Vec<Element>) {
    let code = c as u32;
    if let Some((letters, upper)) = expansion(c) {
        for letter in letters.chars() {
            let (p, s, _) = TABLE[letter as usize];
            out.push(Element {
                primary: u32::from(p) * SCALE,
                secondary: u32::from(s),
                tertiary: u32::from(upper),
            });
        }
        return;
    }
    if let Some(&(p, s, t)) = TABLE.get(code as usize) {
        if p != 0 {
            out.push(Element {
                primary: u32::from(p) * SCALE,
                secondary: u32::from(s),
                tertiary: u32::from(t),
            });
        }
        return;
    }
    let element = if (0x300..=0x36F).contains(&code) {
        Element {
            primary: 0,
            secondary: 20 + code - 0x300,
            tertiary: 0,
        }
    } else if c.is_whitespace() {
        Element {
            primary: u32::from(SPACE) * SCALE,
            secondary: 0,
            tertiary: 0,
        }
    } else if c.is_alphanumeric() {
        Element {
            primary: (u32::from(LAST_LATIN) + 1) * SCALE + code,
            secondary: 0,
            tertiary: u32::from(c.is_uppercase()),
        }
    } else if c.is_control() {
        return;
    } else if (0x2000..=0x206F).contains(&code) {
        Element {
            primary: u32::from(QUOTE) * SCALE + 1 + code,
            secondary: 0,
            tertiary: 0,
        }
    } else {
        Element {
            primary: u32::from(TILDE) * SCALE + 1 + code,
            secondary: 0,
            tertiary: 0,
        }
    };
    out.push(element);
}

/// `a.localeCompare(b)`: primary weights, then accents, then case.
pub fn locale_compare(a: &str, b: &str) -> Ordering {
    let (a, b) = (elements(a), elements(b));
    let level = |f: fn(&Element) -> u32, skip_zero: bool| {
        let pick = |v: &[Element]| -> Vec<u32> {
            v.iter()
                .filter(|e| !skip_zero || e.primary != 0)
                .map(f)
                .collect()
        };
        pick(&a).cmp(&pick(&b))
    };
    level(|e| e.primary, true)
        .then_with(|| level(|e| e.secondary, false))
        .then_with(|| level(|e| e.tertiary, true))
}

/// A key whose order is [`locale_compare`]'s, for sorting many strings: each level's
/// weights in turn (shifted past 0), each level closed by a 0.
pub fn sort_key(text: &str) -> Vec<u32> {
    let elements = elements(text);
    let mut key = Vec::with_capacity(elements.len() * 3 + 3);
    key.extend(
        elements
            .iter()
            .filter(|e| e.primary != 0)
            .map(|e| e.primary + 1),
    );
    key.push(0);
    key.extend(elements.iter().map(|e| e.secondary + 1));
    key.push(0);
    key.extend(
        elements
            .iter()
            .filter(|e| e.primary != 0)
            .map(|e| e.tertiary + 1),
    );
    key.push(0);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_like_icu() {
        let mut words = vec![
            "ab", "Ab", "aB", "a b", "a_b", "a-b", "a1b", "ab1", "b", "B", "a", "A", "é", "e", "f",
        ];
        words.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            words,
            [
                "a", "A", "a b", "a_b", "a-b", "a1b", "ab", "aB", "Ab", "ab1", "b", "B", "e", "é",
                "f"
            ]
        );
        assert_eq!(locale_compare("a\u{1}b", "ab"), Ordering::Equal);
        assert_eq!(locale_compare("\t", " "), Ordering::Less);
    }

    #[test]
    fn sort_keys_order_like_locale_compare() {
        let words = [
            "ab",
            "Ab",
            "a b",
            "a\u{301}b",
            "ab1",
            "æ",
            "ae",
            "b",
            "é",
            "e",
            "😀",
            "~",
            "Z",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    sort_key(a).cmp(&sort_key(b)),
                    locale_compare(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[derive(serde::Deserialize)]
    struct Pair(String, String, i32);

    #[test]
    fn agrees_with_node_on_random_pairs() {
        let pairs: Vec<Pair> = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/release-please/collate.json"
        )))
        .unwrap();
        let wrong: Vec<String> = pairs
            .iter()
            .filter(|Pair(a, b, want)| locale_compare(a, b) as i32 != *want)
            .map(|Pair(a, b, want)| format!("{a:?} vs {b:?}: want {want}"))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {}:\n{}",
            wrong.len(),
            pairs.len(),
            wrong.join("\n")
        );
    }
}
