//! The field's vocabulary (`data/synonyms.tsv`): words that mean the same thing to the people who
//! use tsunagu, applied at query time.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::normalize;

/// One row of the table, normalised.
#[derive(Debug, Clone)]
struct Group {
    terms: Vec<String>,
    /// The terms that lead to the others (all, or the first of a `>` row), longest first, so
    /// 覚せい剤 is not taken for a shorter word inside it. Sorted once here: every keystroke
    /// tries every group.
    sources: Vec<String>,
}

/// The synonym table.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
    /// Every source by its first character: (group, source in the group, whether it is long
    /// enough to be found inside a term). A term then meets only the sources that can start at
    /// one of its characters, not the thousands of groups of the general table.
    starts: HashMap<char, Vec<(u32, u32, bool)>>,
}

impl Synonyms {
    /// Parses the table format described at the top of `data/synonyms.tsv`. Malformed rows are
    /// skipped: the table is shipped with the program and checked by a test.
    pub fn parse(text: &str) -> Synonyms {
        Synonyms::of(Synonyms::groups(text))
    }

    fn of(groups: Vec<Group>) -> Synonyms {
        let mut starts: HashMap<char, Vec<(u32, u32, bool)>> = HashMap::new();
        for (g, group) in groups.iter().enumerate() {
            for (i, source) in group.sources.iter().enumerate() {
                if let Some(c) = source.chars().next() {
                    let long = source.chars().count() >= 3;
                    starts
                        .entry(c)
                        .or_default()
                        .push((g as u32, i as u32, long));
                }
            }
        }
        Synonyms { groups, starts }
    }

    fn groups(text: &str) -> Vec<Group> {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let one_way = match cols.next()?.trim() {
                    "=" => false,
                    ">" => true,
                    _ => return None,
                };
                let terms: Vec<String> = cols
                    .map(normalize)
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|t| !t.is_empty())
                    .collect();
                let mut sources: Vec<String> = if one_way {
                    terms.iter().take(1).cloned().collect()
                } else {
                    terms.clone()
                };
                sources.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
                (terms.len() >= 2).then_some(Group { terms, sources })
            })
            .collect()
    }

    /// The bundled table.
    pub fn bundled() -> &'static Synonyms {
        static TABLE: OnceLock<Synonyms> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The field's own vocabulary first: its expansions are tried before the general ones
            // when a query has more readings than a search considers.
            let mut groups = Synonyms::groups(include_str!("../../data/synonyms.tsv"));
            groups.extend(Synonyms::groups(include_str!(
                "../../data/synonyms-sudachi.tsv"
            )));
            Synonyms::of(groups)
        })
    }

    /// Alternatives for a normalised term: each group member found in the term is replaced by the
    /// group's other members (`精神保健福祉せんた` → `こころの健康せんた`…). Longer members are
    /// tried first so 覚せい剤 is not taken for a shorter word inside it.
    pub fn expand(&self, term: &str) -> Vec<String> {
        // A member must be the whole term, or a part of at least three characters, so that
        // short words like "od" do not fire inside unrelated words. Per group, the first
        // (longest) member found.
        let mut found: Vec<(u32, u32)> = Vec::new();
        for (at, c) in term.char_indices() {
            for &(g, i, long) in self.starts.get(&c).map_or(&[][..], Vec::as_slice) {
                let source = self.groups[g as usize].sources[i as usize].as_str();
                if (at == 0 && term == source) || (long && term[at..].starts_with(source)) {
                    found.push((g, i));
                }
            }
        }
        found.sort_unstable();
        found.dedup_by_key(|(g, _)| *g);
        let mut out: Vec<String> = Vec::new();
        for (g, i) in found {
            let g = &self.groups[g as usize];
            let found = &g.sources[i as usize];
            for other in g.terms.iter().filter(|t| *t != found) {
                let alt = term.replacen(found.as_str(), other, 1);
                if alt != term && !out.contains(&alt) {
                    out.push(alt);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `expand` must equal: every group in order, its first member that is the
    /// whole term or (three characters or more) inside it.
    fn expand_by_definition(table: &Synonyms, term: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &table.groups {
            let Some(found) = g.sources.iter().find(|s| {
                term == s.as_str() || (s.chars().count() >= 3 && term.contains(s.as_str()))
            }) else {
                continue;
            };
            for other in g.terms.iter().filter(|t| *t != found) {
                let alt = term.replacen(found.as_str(), other, 1);
                if alt != term && !out.contains(&alt) {
                    out.push(alt);
                }
            }
        }
        out
    }

    #[test]
    fn expanding_through_the_index_equals_the_definition() {
        let table = Synonyms::bundled();
        let mut terms: Vec<String> = Vec::new();
        for g in table.groups.iter().step_by(7) {
            for t in &g.terms {
                terms.push(t.clone());
                terms.push(format!("大阪{t}相談"));
            }
        }
        terms.extend(["od", "覚せい剤やめたい", "だるく", "", "精神保健福祉せんた"].map(normalize));
        for t in &terms {
            assert_eq!(table.expand(t), expand_by_definition(table, t), "{t}");
        }
    }

    #[test]
    fn bundled_tables_parse_every_row() {
        let rows = |text: &str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count()
        };
        let field = rows(include_str!("../../data/synonyms.tsv"));
        let general = rows(include_str!("../../data/synonyms-sudachi.tsv"));
        assert_eq!(Synonyms::bundled().groups.len(), field + general);
        // The field's vocabulary comes first.
        assert!(
            Synonyms::bundled().groups[0]
                .terms
                .contains(&normalize("こころの健康センター"))
        );
    }

    #[test]
    fn expands_both_ways_and_one_way() {
        let s = Synonyms::bundled();
        assert!(s.expand(&normalize("ダルク")).contains(&"darc".to_string()));
        assert!(s.expand("darc").contains(&normalize("ダルク")));
        assert!(
            s.expand(&normalize("保釈"))
                .contains(&normalize("法律相談"))
        );
        assert!(
            !s.expand(&normalize("法律相談"))
                .contains(&normalize("保釈"))
        );
        let alts = s.expand(&normalize("精神保健福祉センター"));
        assert!(
            alts.contains(&normalize("こころの健康センター")),
            "{alts:?}"
        );
    }
}
