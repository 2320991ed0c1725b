//! The three output forms of `check`: a readable table, JSON Lines, and CSV.

use aigc_label::Report;

/// How reports are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A readable table.
    Table,
    /// One JSON object per line, with `"path"`.
    Json,
    /// A CSV summary, one row per file.
    Csv,
}

/// The first line(s) printed before any report.
pub fn header(form: Form) -> Option<String> {
    match form {
        Form::Table => Some(format!(
            "{:<40} {:<8} {:<14} SUMMARY",
            "PATH", "FORMAT", "VERDICT"
        )),
        Form::Json => None,
        Form::Csv => csv_row(&[
            "path", "format", "media", "verdict", "evidence", "summary", "errors",
        ]),
    }
}

/// One report in `form` (without a trailing newline).
pub fn line(form: Form, path: &str, report: &Report) -> String {
    match form {
        Form::Table => table_row(path, report),
        Form::Json => json_line(path, report),
        Form::Csv => {
            let evidence: Vec<String> = report
                .evidence
                .iter()
                .map(|e| {
                    serde_json::to_value(e.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .collect();
            csv_row(&[
                path,
                &report.format,
                &report.media,
                report.verdict.as_str(),
                &evidence.join(";"),
                &report.summary.en,
                &report.errors.join("; "),
            ])
            .unwrap_or_default()
        }
    }
}

/// A CSV record (RFC 4180 quoting by the `csv` crate). The values come from untrusted files:
/// control characters and bidirectional overrides are written as `\u{…}` (CSV has no escapes
/// of its own, and raw ones would reach a terminal or a spreadsheet), and cells that a
/// spreadsheet would run as a formula (starting with =, +, -, @) get a leading apostrophe.
fn csv_row(cells: &[&str]) -> Option<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let safe: Vec<String> = cells
        .iter()
        .map(|cell| {
            let cell = printable(cell);
            if cell.starts_with(['=', '+', '-', '@']) {
                format!("'{cell}")
            } else {
                cell
            }
        })
        .collect();
    writer.write_record(&safe).ok()?;
    let bytes = writer.into_inner().ok()?;
    String::from_utf8(bytes)
        .ok()
        .map(|s| s.trim_end_matches('\n').to_string())
}

/// One report as a JSON line. JSON escapes C0 controls itself; DEL, the C1 controls and
/// bidirectional overrides are escaped too (`\u009b`), so that the line is the same data but
/// never carries a raw control sequence to a terminal.
fn json_line(path: &str, report: &Report) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "path".to_string(),
            serde_json::Value::String(path.to_string()),
        );
    }
    value
        .to_string()
        .chars()
        .map(|c| {
            if is_unsafe_for_terminals(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Characters that can act on a terminal or reorder what it shows: controls (C0, DEL, C1) and
/// bidirectional embeddings, overrides and isolates.
fn is_unsafe_for_terminals(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from a file, made safe for a terminal: control characters (which could carry escape
/// sequences) and bidirectional overrides (which could reorder what is shown) are escaped.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unsafe_for_terminals(c) {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn table_row(path: &str, report: &Report) -> String {
    let shown_path = if path.chars().count() > 40 {
        let tail: String = path
            .chars()
            .rev()
            .take(39)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        path.to_string()
    };
    let mut row = format!(
        "{:<40} {:<8} {:<14} {}",
        printable(&shown_path),
        report.format,
        report.verdict.as_str(),
        printable(&report.summary.en)
    );
    for error in &report.errors {
        row.push_str(&format!("\n{:<40}   ! {}", "", printable(error)));
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(
            csv_row(&["a,b", "say \"hi\"", "=HYPERLINK(\"x\")", "line\nbreak"]).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",line\\u{000A}break"
        );
    }
}
