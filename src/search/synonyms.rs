//! The field's vocabulary (`data/synonyms.tsv`): words that mean the same thing to the people who
//! use tsunagu, applied at query time.

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
}

impl Synonyms {
    /// Parses the table format described at the top of `data/synonyms.tsv`. Malformed rows are
    /// skipped: the table is shipped with the program and checked by a test.
    pub fn parse(text: &str) -> Synonyms {
        let groups = text
            .lines()
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
            .collect();
        Synonyms { groups }
    }

    /// The bundled table.
    pub fn bundled() -> &'static Synonyms {
        static TABLE: OnceLock<Synonyms> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The field's own vocabulary first: its expansions are tried before the general ones
            // when a query has more readings than a search considers.
            let mut table = Synonyms::parse(include_str!("../../data/synonyms.tsv"));
            let general = Synonyms::parse(include_str!("../../data/synonyms-sudachi.tsv"));
            table.groups.extend(general.groups);
            table
        })
    }

    /// Alternatives for a normalised term: each group member found in the term is replaced by the
    /// group's other members (`精神保健福祉せんた` → `こころの健康せんた`…). Longer members are
    /// tried first so 覚せい剤 is not taken for a shorter word inside it.
    pub fn expand(&self, term: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &self.groups {
            // A member must be the whole term, or a part of at least two characters, so that
            // one-letter words like "od" do not fire inside unrelated words.
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
