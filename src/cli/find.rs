//! `search` and `show`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;
use tsunagu::search::{SearchHit, search as run_search};
use tsunagu::{Catalogue, Field, Resource};

use super::out;
use super::term::{inert, pad, width};

pub fn search(
    catalogue: &Catalogue,
    query: Option<&str>,
    limit: usize,
    as_json: bool,
    stdin: bool,
) -> Result<ExitCode> {
    let resources = catalogue.list()?;
    if stdin {
        for line in std::io::stdin().lock().lines() {
            let query = line?;
            let hits = run_search(&resources, &query, limit);
            if as_json {
                out(serde_json::to_string(
                    &json!({ "query": query, "results": hits }),
                )?)?;
            } else {
                print_hits(&query, &hits)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let query = query.unwrap_or("");
    let hits = run_search(&resources, query, limit);
    if as_json {
        out(serde_json::to_string_pretty(
            &json!({ "query": query, "results": hits }),
        )?)?;
    } else {
        print_hits(query, &hits)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_hits(query: &str, hits: &[SearchHit]) -> Result<()> {
    if hits.is_empty() {
        out(format!(
            "「{}」に当てはまる資源は見つかりませんでした。言葉を短くするか、読み（ひらがな）で試してください。",
            inert(query)
        ))?;
        return Ok(());
    }
    let title = if query.trim().is_empty() {
        format!("資源 {} 件:", hits.len())
    } else {
        format!("「{}」の検索結果 {} 件:", inert(query), hits.len())
    };
    out(title)?;
    let names: Vec<String> = hits.iter().map(|h| inert(&h.name)).collect();
    let name_w = names.iter().map(|n| width(n)).max().unwrap_or(0).min(44);
    for (i, (h, name)) in hits.iter().zip(&names).enumerate() {
        out(format!(
            "{:>3}. {}  {}  {}  {}",
            i + 1,
            pad(name, name_w),
            pad(h.category.label(), 14),
            pad(&inert(h.municipality.as_deref().unwrap_or("")), 16),
            inert(h.phone.as_deref().unwrap_or("")),
        ))?;
        out(format!("     ID: {}", inert(&h.id)))?;
    }
    Ok(())
}

pub fn show(catalogue: &Catalogue, id: &str, as_json: bool) -> Result<ExitCode> {
    let r = catalogue.get(id)?;
    if as_json {
        out(serde_json::to_string_pretty(&r)?)?;
    } else {
        print_resource(&r)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_resource(r: &Resource) -> Result<()> {
    let label_w = Field::ALL
        .iter()
        .map(|f| width(f.header()))
        .max()
        .unwrap_or(0);
    for f in Field::ALL {
        let value = r.cell(*f);
        if value.is_empty() {
            continue;
        }
        let value = if f.is_multi() {
            value.replace(';', "、")
        } else {
            value
        };
        out(format!("{}  {}", pad(f.header(), label_w), inert(&value)))?;
    }
    for (k, v) in &r.extra {
        out(format!("{}  {}", pad(&inert(k), label_w), inert(v)))?;
    }
    Ok(())
}
