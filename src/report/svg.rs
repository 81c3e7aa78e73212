//! Charts as inline SVG, drawn by hand: a few shapes each, no script, no
//! external font; every label passes through [`escape`].

use std::fmt::Write;

use super::page::escape;

const WIDTH: f64 = 860.0;
/// Room for the row labels (document ids, entity names).
const LABEL_WIDTH: f64 = 200.0;
const RIGHT_PAD: f64 = 70.0;
const ROW: f64 = 30.0;
pub const FAVOR: &str = "#2e7d32";
pub const NEUTRAL: &str = "#aab2bb";
pub const AGAINST: &str = "#c62828";

/// A row label cut to fit the label column, the full text as tooltip.
fn row_label(out: &mut String, y: f64, label: &str) {
    let short: String = if label.chars().count() > 26 { label.chars().take(25).chain(['…']).collect() } else { label.to_string() };
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" text-anchor="end" class="label"><title>{full}</title>{short}</text>"#,
        x = LABEL_WIDTH - 10.0,
        y = y + 4.0,
        full = escape(label),
        short = escape(&short)
    );
}

/// Numbers as people write them: 2,000; 1.5; 0.25.
pub fn format_value(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if x < 0.0 { format!("-{grouped}") } else { grouped }
    } else {
        let text = format!("{x:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Round tick positions covering `low..=high`.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let span = (high - low).max(f64::MIN_POSITIVE);
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| span / s <= 5.0).unwrap_or(10.0 * magnitude);
    let mut tick = (low / step).ceil() * step;
    let mut out = Vec::new();
    while tick <= high + step * 1e-9 {
        out.push(if tick.abs() < step * 1e-9 { 0.0 } else { tick });
        tick += step;
    }
    out
}

/// One point of a dot chart.
pub struct Dot {
    pub label: String,
    pub value: f64,
    /// Shown beside the dot ("about 2000 peacekeepers").
    pub caption: String,
    /// Shown on hover (the sentence).
    pub tooltip: String,
}

/// Each source's value of one quantity on a shared axis, one row per source.
pub fn dot_chart(dots: &[Dot]) -> String {
    let min = dots.iter().map(|d| d.value).fold(f64::INFINITY, f64::min);
    let max = dots.iter().map(|d| d.value).fold(f64::NEG_INFINITY, f64::max);
    // Values that differ get a margin of a quarter of their range; values
    // that agree an axis of ±10% around them.
    let pad = if max > min { (max - min) * 0.25 } else { (max.abs() * 0.1).max(1.0) };
    let (low, high) = (min - pad, max + pad);
    let plot = WIDTH - LABEL_WIDTH - RIGHT_PAD;
    let x = |v: f64| LABEL_WIDTH + (v - low) / (high - low) * plot;
    let height = dots.len() as f64 * ROW + 34.0;
    let mut out = String::new();
    let _ = write!(out, r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#);
    let axis_y = dots.len() as f64 * ROW + 6.0;
    for t in ticks(low, high) {
        let _ = write!(
            out,
            r#"<line x1="{x}" x2="{x}" y1="4" y2="{axis_y}" class="grid"/><text x="{x}" y="{ty}" text-anchor="middle" class="tick">{label}</text>"#,
            x = x(t),
            ty = axis_y + 16.0,
            label = escape(&format_value(t))
        );
    }
    for (i, d) in dots.iter().enumerate() {
        let y = i as f64 * ROW + ROW / 2.0 + 2.0;
        row_label(&mut out, y, &d.label);
        // The caption goes on the side of the dot with more room.
        let right_half = x(d.value) > LABEL_WIDTH + plot / 2.0;
        let (tx, anchor) = if right_half { (x(d.value) - 12.0, "end") } else { (x(d.value) + 12.0, "start") };
        let _ = write!(
            out,
            r#"<line x1="{LABEL_WIDTH}" x2="{end}" y1="{y}" y2="{y}" class="rule"/><g class="dot"><title>{tip}</title><circle cx="{cx}" cy="{y}" r="7"/><text x="{tx}" y="{ty}" text-anchor="{anchor}" class="value">{caption}</text></g>"#,
            end = WIDTH - RIGHT_PAD,
            tip = escape(&d.tooltip),
            cx = x(d.value),
            ty = y + 4.0,
            caption = escape(&d.caption)
        );
    }
    out.push_str("</svg>");
    out
}

/// One row of a stacked stance bar.
pub struct StanceRow {
    pub label: String,
    pub favor: usize,
    pub neutral: usize,
    pub against: usize,
}

/// One 100% bar per source: favor, neutral, against, with counts.
pub fn stance_bars(rows: &[StanceRow]) -> String {
    let plot = WIDTH - LABEL_WIDTH - RIGHT_PAD;
    let height = rows.len() as f64 * ROW + 4.0;
    let mut out = String::new();
    let _ = write!(out, r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#);
    for (i, r) in rows.iter().enumerate() {
        let y = i as f64 * ROW + ROW / 2.0 + 2.0;
        row_label(&mut out, y, &r.label);
        let total = (r.favor + r.neutral + r.against).max(1) as f64;
        let mut left = LABEL_WIDTH;
        for (count, color, name) in [(r.favor, FAVOR, "favourable"), (r.neutral, NEUTRAL, "neutral"), (r.against, AGAINST, "unfavourable")] {
            if count == 0 {
                continue;
            }
            let w = count as f64 / total * plot;
            let _ = write!(
                out,
                r#"<g><title>{label}: {count} {name} sentence{s}</title><rect x="{left:.1}" y="{top}" width="{w:.1}" height="20" fill="{color}"/>"#,
                label = escape(&r.label),
                s = if count == 1 { "" } else { "s" },
                top = y - 10.0
            );
            if w >= 18.0 {
                let _ = write!(out, r#"<text x="{cx:.1}" y="{ty}" text-anchor="middle" class="inbar">{count}</text>"#, cx = left + w / 2.0, ty = y + 4.0);
            }
            out.push_str("</g>");
            left += w;
        }
        let _ = write!(out, r#"<text x="{x}" y="{ty}" class="tick">{n}</text>"#, x = WIDTH - RIGHT_PAD + 8.0, ty = y + 4.0, n = r.favor + r.neutral + r.against);
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars of counts, longest first as given.
pub fn count_bars(rows: &[(String, usize)], width: f64) -> String {
    let label_width = width * 0.5;
    let plot = width - label_width - 40.0;
    let top = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let row = 22.0;
    let height = rows.len() as f64 * row + 4.0;
    let mut out = String::new();
    let _ = write!(out, r#"<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#);
    for (i, (label, count)) in rows.iter().enumerate() {
        let y = i as f64 * row + row / 2.0 + 2.0;
        let short: String = if label.chars().count() > 24 { label.chars().take(23).chain(['…']).collect() } else { label.clone() };
        let w = *count as f64 / top * plot;
        let _ = write!(
            out,
            r#"<g><title>{full}: {count} mentions</title><text x="{lx}" y="{ty}" text-anchor="end" class="label">{short}</text><rect x="{label_width}" y="{ry}" width="{w:.1}" height="14" class="bar"/><text x="{cx:.1}" y="{ty}" class="tick">{count}</text></g>"#,
            full = escape(label),
            lx = label_width - 8.0,
            ty = y + 4.0,
            short = escape(&short),
            ry = y - 7.0,
            cx = label_width + w + 6.0
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_like_prose() {
        assert_eq!(format_value(2000.0), "2,000");
        assert_eq!(format_value(1960.0), "1,960");
        assert_eq!(format_value(2_000_000.0), "2,000,000");
        assert_eq!(format_value(-1500.0), "-1,500");
        assert_eq!(format_value(2.5), "2.5");
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(1940.0, 2020.0), vec![1940.0, 1960.0, 1980.0, 2000.0, 2020.0]);
        assert_eq!(ticks(0.0, 10.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(1.0, 3.0), vec![1.0, 1.5, 2.0, 2.5, 3.0]);
    }

    #[test]
    fn labels_and_tooltips_are_escaped() {
        let svg = dot_chart(&[Dot { label: "<b>".into(), value: 1.0, caption: "1 & 2".into(), tooltip: "\"x\"".into() }]);
        assert!(svg.contains("&lt;b&gt;") && svg.contains("1 &amp; 2") && svg.contains("&quot;x&quot;"), "{svg}");
        assert!(!svg.contains("<b>"));
    }
}
