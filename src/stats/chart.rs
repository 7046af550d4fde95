//! Server-rendered SVG bar charts. Each chart sits next to a data table holding the same
//! figures, so the SVG is decorative for screen readers (`aria-hidden`) and needs no script.
//! Labels are escaped here: the template inserts the result as is.

/// One bar: its label, its value and the text written at its end ("12", "< 5").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub text: String,
}

const ROW: i64 = 28;
const LABEL_WIDTH: i64 = 200;
const BAR_WIDTH: i64 = 260;
const WIDTH: i64 = LABEL_WIDTH + BAR_WIDTH + 60;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars scaled to the largest value, in a `viewBox` so the chart shrinks with the
/// screen (360 px phones included). Empty when there is nothing to draw.
pub fn horizontal_bars(bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64 + 8;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMinYMin meet\" aria-hidden=\"true\" focusable=\"false\" \
         xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (index, bar) in bars.iter().enumerate() {
        let y = ROW * index as i64 + 4;
        let length = (bar.value.max(0) * BAR_WIDTH) / max;
        let label: String = bar.label.chars().take(30).collect();
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"13\">{label}</text>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{length}\" height=\"20\" class=\"bar\"/>\
             <text x=\"{vx}\" y=\"{ty}\" font-size=\"13\">{text}</text>",
            x = LABEL_WIDTH - 8,
            ty = y + 15,
            label = escape(&label),
            vx = LABEL_WIDTH + length + 6,
            text = escape(&bar.text),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: value.to_string(),
        }
    }

    #[test]
    fn bars_are_scaled_to_the_largest_value() {
        let svg = horizontal_bars(&[bar("Courriel", 10), bar("Santé", 5)]);
        assert!(svg.contains("width=\"260\""), "{svg}");
        assert!(svg.contains("width=\"130\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn labels_are_escaped_and_nothing_is_drawn_without_data() {
        let svg = horizontal_bars(&[bar("<script>&", 1)]);
        assert!(svg.contains("&lt;script&gt;&amp;"));
        assert!(!svg.contains("<script>"));
        assert_eq!(horizontal_bars(&[]), "");
    }

    #[test]
    fn a_zero_everywhere_still_draws_empty_bars() {
        let svg = horizontal_bars(&[bar("Rien", 0)]);
        assert!(svg.contains("width=\"0\""));
    }
}
