//! The referral sheet as plain text, to paste into LINE or an e-mail: names, phones, hours, next
//! dates, addresses and URLs, in the sheet's style. Furigana are written after their kanji in
//! parentheses (電話(でんわ)), which is how plain text carries them.

use super::referral::referral_model;
use super::style::plain;
use super::{SheetOptions, readable_url};
use crate::resource::Resource;

/// The sheet's text, one block per resource. Only what the sheet would print, from the same
/// model, so the words match the PDF's.
pub fn referral_text(resources: &[Resource], options: &SheetOptions) -> String {
    let model = referral_model(resources, options);
    let l = &model.labels;
    let fixed = |s: &str| plain(s, model.style.easy);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(format!(
        "{}（{} {}）",
        fixed(&model.title),
        fixed(l.issued),
        model.issued
    ));
    if let Some(office) = &model.office {
        line(format!("{}: {office}", fixed(l.office)));
    }
    if let Some(recipient) = &model.recipient {
        line(recipient.clone());
    }
    for g in &l.guide {
        line(fixed(g));
    }
    for (e, r) in model.entries.iter().zip(resources) {
        line(String::new());
        let name = match (&e.kana, model.style.easy) {
            (Some(kana), true) => format!("{}（{kana}）", e.name),
            _ => e.name.clone(),
        };
        line(format!("■ {name}［{}］", fixed(&e.category)));
        line(format!("［{}］", fixed(&e.stance_label)));
        if !e.phones.is_empty() {
            line(format!("{}: {}", fixed(l.phone), e.phones.join(" / ")));
        }
        if let Some(w) = &e.warning {
            line(format!("※ {}", fixed(w)));
        }
        if let Some(note) = &e.language_note {
            line(format!("※ {}", fixed(note)));
        }
        let wanted = [l.hours, l.next_dates, l.address, l.reservation, l.languages];
        for (label, value) in &e.rows {
            if wanted.contains(&label.as_str()) {
                // Line breaks the PDF needed for long words are not the text's own.
                line(format!("{}: {}", fixed(label), unbreak(value)));
            }
        }
        if let Some(url) = &r.url {
            line(format!(
                "{}: {}",
                fixed(l.url),
                readable_url(url).replace('\n', "")
            ));
        }
        if let Some(words) = &e.confidentiality {
            line(format!(
                "{}: 「{}」",
                fixed(l.confidentiality),
                unbreak(words)
            ));
        }
    }
    line(String::new());
    line(fixed(&model.footer));
    out
}

/// A value as the record has it: the line breaks [`super::breakable`] put inside long runs of
/// Latin letters are taken out again (real line breaks between Japanese text stay).
fn unbreak(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let inside_word = *c == '\n'
            && i > 0
            && chars[i - 1].is_ascii_graphic()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_graphic());
        if !inside_word {
            out.push(*c);
        }
    }
    out
}
