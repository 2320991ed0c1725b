//! Explicit labels drawn in a picture (GB 45438 5.2): text with the AI element and the
//! generation element ("豆包AI生成", "AI生成", "AI-generated") on an edge or in a corner, at
//! least 5 % of the short side tall. The text is read with PP-OCR ([`crate::ocr`]) from bands
//! along the four sides, and goes through the same grammar as labels in text
//! ([`super::explicit_text::classify_mark`]).

use super::{Family, Found as Findings, Input};
use crate::report::{Check, Claim, Evidence, EvidenceKind};

use super::explicit_text::{self, Statement};

/// Check ids of this family.
pub mod ids {
    /// Both elements of GB 45438 5.2 are present.
    pub const ELEMENTS: &str = "explicit_image.elements";
    /// The label is on an edge or in a corner.
    pub const POSITION: &str = "explicit_image.position";
    /// The label is at least 5 % of the short side tall (advisory).
    pub const SIZE: &str = "explicit_image.size";
}

/// GB 45438 5.2: text at least this share of the image's short side tall.
pub const MIN_HEIGHT_PERCENT: f32 = 5.0;

/// Explicit labels drawn in images.
pub struct ExplicitImageFamily;

impl Family for ExplicitImageFamily {
    fn name(&self) -> &'static str {
        "explicit image label"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::ExplicitImageLabel]
    }

    #[cfg(feature = "ocr")]
    fn read(&self, input: &Input<'_>, found: &mut Findings) {
        if !input.options.visible_labels {
            return;
        }
        let rgb = match input.pixels() {
            None => return,
            Some(Ok(rgb)) => rgb,
            Some(Err(message)) => {
                found.errors.push(format!("visible-label check: {message}"));
                return;
            }
        };
        let Some(engine) = input.options.text_reader.as_deref() else {
            found
                .errors
                .push("visible-label check: the OCR models are not loaded".to_string());
            return;
        };
        match scan::scan(engine, rgb, input.options.whole_image) {
            Ok(labels) => found.evidence.extend(labels.iter().map(evidence)),
            Err(message) => found.errors.push(format!("visible-label check: {message}")),
        }
    }

    /// This build has no OCR (the lite build): asking for the check on an image is an error.
    #[cfg(not(feature = "ocr"))]
    fn read(&self, input: &Input<'_>, found: &mut Findings) {
        let image = input
            .asset
            .is_some_and(|a| a.format.media() == crate::sniff::Media::Image);
        if input.options.visible_labels && image {
            found
                .errors
                .push("visible-label check: this build (lite) has no OCR".to_string());
        }
    }
}

/// Where a label sits in the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A corner: (top?, left?).
    Corner {
        /// Top rather than bottom.
        top: bool,
        /// Left rather than right.
        left: bool,
    },
    /// The middle of the top edge.
    TopEdge,
    /// The middle of the bottom edge.
    BottomEdge,
    /// The middle of the left edge.
    LeftEdge,
    /// The middle of the right edge.
    RightEdge,
    /// Away from every edge.
    Elsewhere,
}

impl Position {
    /// The position in words ("bottom-right corner").
    pub fn name(self) -> &'static str {
        match self {
            Position::Corner {
                top: true,
                left: true,
            } => "top-left corner",
            Position::Corner {
                top: true,
                left: false,
            } => "top-right corner",
            Position::Corner {
                top: false,
                left: true,
            } => "bottom-left corner",
            Position::Corner {
                top: false,
                left: false,
            } => "bottom-right corner",
            Position::TopEdge => "top edge",
            Position::BottomEdge => "bottom edge",
            Position::LeftEdge => "left edge",
            Position::RightEdge => "right edge",
            Position::Elsewhere => "elsewhere",
        }
    }

    fn name_zh(self) -> &'static str {
        match self {
            Position::Corner {
                top: true,
                left: true,
            } => "左上角",
            Position::Corner {
                top: true,
                left: false,
            } => "右上角",
            Position::Corner {
                top: false,
                left: true,
            } => "左下角",
            Position::Corner {
                top: false,
                left: false,
            } => "右下角",
            Position::TopEdge => "顶部边缘",
            Position::BottomEdge => "底部边缘",
            Position::LeftEdge => "左侧边缘",
            Position::RightEdge => "右侧边缘",
            Position::Elsewhere => "画面中部",
        }
    }

    /// The position of a box (left, top, right, bottom) in a `width` × `height` image. Along
    /// each axis the box is at the side whose gap is under half the other and within reach
    /// (a quarter of the short side), else centred; a side on both axes is a corner.
    pub fn of(bounds: [f32; 4], width: f32, height: f32) -> Position {
        let [x0, y0, x1, y1] = bounds;
        let reach = width.min(height) * EDGE_REACH;
        let side = |near: f32, far: f32| -> Option<bool> {
            if near <= reach && near < far / 2.0 {
                Some(true)
            } else if far <= reach && far < near / 2.0 {
                Some(false)
            } else {
                None
            }
        };
        let horizontal = side(x0, width - x1);
        let vertical = side(y0, height - y1);
        let near_vertical_edge = x0 <= reach || width - x1 <= reach;
        match (vertical, horizontal) {
            (Some(top), Some(left)) => Position::Corner { top, left },
            (Some(true), None) => Position::TopEdge,
            (Some(false), None) => Position::BottomEdge,
            (None, Some(true)) if near_vertical_edge => Position::LeftEdge,
            (None, Some(false)) if near_vertical_edge => Position::RightEdge,
            _ => Position::Elsewhere,
        }
    }
}

/// How far from an edge a label may sit, as a share of the short side (the bands scanned are
/// this deep).
pub const EDGE_REACH: f32 = 0.25;

/// A label read from the pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The text as read.
    pub text: String,
    /// Mean character probability, 0–1.
    pub confidence: f32,
    /// Left, top, right, bottom, in the image's pixels.
    pub bounds: [f32; 4],
    /// Where it sits.
    pub position: Position,
    /// The text's height as a percentage of the image's short side.
    pub height_percent: f32,
    /// What it says.
    pub statement: Statement,
}

#[cfg(feature = "ocr")]
pub mod scan;

/// Evidence for one label read from the pixels.
pub fn evidence(reading: &Reading) -> Evidence {
    let statement = &reading.statement;
    let claim = if statement.assisted {
        Claim::AiEdited
    } else {
        Claim::AiGenerated
    };
    let [x0, y0, x1, y1] = reading.bounds.map(|v| v.round() as i64);
    let mut evidence = Evidence::new(
        EvidenceKind::ExplicitImageLabel,
        claim,
        format!(
            "pixels, {} (box at {x0},{y0}, {}×{})",
            reading.position.name(),
            x1 - x0,
            y1 - y0
        ),
    );
    evidence.fields.insert("Text", reading.text.clone());
    evidence
        .fields
        .insert("Confidence", format!("{:.2}", reading.confidence));
    evidence
        .fields
        .insert("Box", format!("{x0},{y0},{},{}", x1 - x0, y1 - y0));
    evidence.fields.insert("Position", reading.position.name());
    evidence
        .fields
        .insert("HeightPercent", format!("{:.1}", reading.height_percent));
    evidence.push_check(explicit_text::elements_check(
        ids::ELEMENTS,
        "5.2",
        statement,
    ));
    evidence.push_check(position_check(reading.position));
    evidence.push_check(size_check(reading.height_percent));
    evidence.explanation = Some(explanation(reading, evidence.valid));
    evidence
}

/// One sentence for the card: what the picture shows, where, and its size against the rule.
fn explanation(reading: &Reading, valid: bool) -> crate::report::Summary {
    let (text, height) = (&reading.text, reading.height_percent);
    let (place, place_zh) = (reading.position.name(), reading.position.name_zh());
    let (size, size_zh) = if meets_size(height) {
        (
            "meeting the 5 % GB 45438 asks".to_string(),
            "达到 GB 45438 要求的 5 %".to_string(),
        )
    } else {
        (
            "below the 5 % GB 45438 asks".to_string(),
            "低于 GB 45438 要求的 5 %".to_string(),
        )
    };
    let (verdict, verdict_zh) = if valid {
        ("a visible AI label", "可见的AI标识")
    } else {
        ("an incomplete visible label", "不完整的可见标识")
    };
    crate::report::Summary {
        en: format!("The picture shows {verdict}, \u{201c}{text}\u{201d}, in its {place}, {height:.1} % of the short side tall ({size})."),
        zh: format!("图片{place_zh}显示{verdict_zh}“{text}”，文字高度为短边的 {height:.1} %（{size_zh}）。"),
    }
}

fn position_check(position: Position) -> Check {
    if position == Position::Elsewhere {
        Check::fail(
            ids::POSITION,
            "is away from every edge; GB 45438 5.2 places the label on an edge or in a corner",
            "不在边缘或角落；GB 45438 5.2 要求标识位于画面边缘或四角",
        )
    } else {
        Check::pass(
            ids::POSITION,
            format!(
                "sits in the {} (an edge or a corner, GB 45438 5.2)",
                position.name()
            ),
            format!("位于{}（边缘或角落，GB 45438 5.2）", position.name_zh()),
        )
    }
}

/// Whether a label `height_percent` tall meets the 5 % rule, as shown to one decimal.
fn meets_size(height_percent: f32) -> bool {
    height_percent + 0.05 >= MIN_HEIGHT_PERCENT
}

/// Advisory: a label below 5 % is still a label; the check says by how much it falls short.
fn size_check(height_percent: f32) -> Check {
    let mut check = if meets_size(height_percent) {
        Check::pass(
            ids::SIZE,
            format!("is {height_percent:.1} % of the short side tall (GB 45438 5.2 asks at least {MIN_HEIGHT_PERCENT} %)"),
            format!("文字高度为短边的 {height_percent:.1} %（GB 45438 5.2 要求不低于 {MIN_HEIGHT_PERCENT} %）"),
        )
    } else {
        let short = MIN_HEIGHT_PERCENT - height_percent;
        Check::fail(
            ids::SIZE,
            format!("is {height_percent:.1} % of the short side tall, {short:.1} points below the {MIN_HEIGHT_PERCENT} % GB 45438 5.2 asks"),
            format!("文字高度为短边的 {height_percent:.1} %，比 GB 45438 5.2 要求的 {MIN_HEIGHT_PERCENT} % 低 {short:.1} 个百分点"),
        )
    };
    check.advisory = true;
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_corners_edges_and_the_middle() {
        let at = |x0, y0, x1, y1| Position::of([x0, y0, x1, y1], 1000.0, 800.0);
        assert_eq!(
            at(850.0, 760.0, 990.0, 790.0),
            Position::Corner {
                top: false,
                left: false
            }
        );
        assert_eq!(
            at(10.0, 10.0, 150.0, 40.0),
            Position::Corner {
                top: true,
                left: true
            }
        );
        assert_eq!(at(420.0, 760.0, 580.0, 790.0), Position::BottomEdge);
        assert_eq!(at(420.0, 10.0, 580.0, 40.0), Position::TopEdge);
        assert_eq!(at(10.0, 380.0, 300.0, 420.0), Position::LeftEdge);
        assert_eq!(at(700.0, 380.0, 990.0, 420.0), Position::RightEdge);
        assert_eq!(at(420.0, 380.0, 580.0, 420.0), Position::Elsewhere);
        // A long label along the bottom that starts at the left margin is in the corner; one
        // with even gaps on both sides is on the edge.
        assert_eq!(
            at(10.0, 760.0, 600.0, 790.0),
            Position::Corner {
                top: false,
                left: true
            }
        );
        assert_eq!(at(100.0, 760.0, 900.0, 790.0), Position::BottomEdge);
    }

    #[test]
    fn a_small_label_fails_the_advisory_size_check_by_its_shortfall() {
        let check = size_check(3.4);
        assert!(!check.ok && check.advisory);
        assert!(
            check.message.contains("1.6 points below"),
            "{}",
            check.message
        );
        assert!(size_check(5.0).ok);
    }
}
