//! XMP packets: pulls the few properties labels live in out of the RDF/XML, in element
//! form (`<TC260:AIGC>…</TC260:AIGC>`), attribute form (`TC260:AIGC="…"`) or as an
//! `rdf:resource`. Malformed XML yields what was read before the fault plus an error.
//! The GB 45438 Annex E fields written one by one (`Label`, `ContentProducer`, … as attributes or
//! child elements of an `rdf:Description`, in any namespace or none) are kept per description.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

/// GB 45438 / TC260 namespace (any version under this prefix is accepted).
pub const NS_TC260: &str = "http://www.tc260.org.cn/ns/AIGC/";
/// IPTC Extension namespace.
pub const NS_IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
const NS_XMP: &str = "http://ns.adobe.com/xap/1.0/";
const NS_TIFF: &str = "http://ns.adobe.com/tiff/1.0/";
const NS_PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The Annex E field names, in their standard order (GB 45438-2025 Annex E).
pub const ANNEX_E_FIELDS: [&str; 7] = [
    "Label",
    "ContentProducer",
    "ProduceID",
    "ReservedCode1",
    "ContentPropagator",
    "PropagateID",
    "ReservedCode2",
];

/// A property this crate reads from XMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Property {
    /// `TC260:AIGC`, the GB 45438 label (JSON).
    Tc260Aigc,
    /// `Iptc4xmpExt:DigitalSourceType`.
    DigitalSourceType,
    /// `xmp:CreatorTool`.
    CreatorTool,
    /// `tiff:Software`.
    Software,
    /// `photoshop:Credit`.
    Credit,
    /// One Annex E field as a plain property (`TC260:Label`, `Label`, `x:ContentProducer`, …),
    /// named as in [`ANNEX_E_FIELDS`].
    AnnexE(&'static str),
}

/// The properties found in one packet, in document order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Xmp {
    /// (property, value) pairs; values are unescaped and trimmed.
    pub values: Vec<(Property, String)>,
    /// Why reading stopped early, if it did.
    pub error: Option<String>,
    /// Annex E fields written as plain properties: (description number, field, value), the
    /// number counting `rdf:Description` elements from 0 in document order.
    pub annex_e: Vec<(usize, &'static str, String)>,
}

impl Xmp {
    /// The values of one property.
    pub fn get(&self, property: Property) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |(p, _)| *p == property)
            .map(|(_, v)| v.as_str())
    }

    /// The Annex E fields written as plain properties, one list per `rdf:Description` that has
    /// any, in document order; a field repeated in one description keeps its first value.
    pub fn annex_e_groups(&self) -> Vec<Vec<(&'static str, &str)>> {
        let mut groups: Vec<(usize, Vec<(&'static str, &str)>)> = Vec::new();
        for (description, field, value) in &self.annex_e {
            match groups.last_mut() {
                Some((d, fields)) if d == description => {
                    if !fields.iter().any(|(f, _)| f == field) {
                        fields.push((field, value.as_str()));
                    }
                }
                _ => groups.push((*description, vec![(field, value.as_str())])),
            }
        }
        groups.into_iter().map(|(_, fields)| fields).collect()
    }
}

/// Whether a name resolved to `ns` with `prefix` is in the namespace `wanted`. Unbound
/// prefixes are matched by their conventional spelling, since some writers omit the declaration.
fn in_namespace(
    ns: &ResolveResult<'_>,
    prefix: Option<&[u8]>,
    wanted: &str,
    conventional: &[&[u8]],
) -> bool {
    match ns {
        ResolveResult::Bound(Namespace(uri)) => uri.starts_with(wanted.as_bytes()),
        _ => prefix.is_some_and(|p| conventional.contains(&p)),
    }
}

/// Matches a (namespace, prefix, local name) triple to a property.
fn classify(ns: &ResolveResult<'_>, prefix: Option<&[u8]>, local: &[u8]) -> Option<Property> {
    let uri = match ns {
        ResolveResult::Bound(Namespace(uri)) => Some(*uri),
        _ => None,
    };
    let in_ns =
        |wanted: &str, conventional: &[&[u8]]| in_namespace(ns, prefix, wanted, conventional);
    match local {
        b"AIGC" if in_ns(NS_TC260, &[b"TC260"]) => Some(Property::Tc260Aigc),
        b"DigitalSourceType" if in_ns(NS_IPTC_EXT, &[b"Iptc4xmpExt", b"iptcExt"]) => {
            Some(Property::DigitalSourceType)
        }
        b"CreatorTool" if in_ns(NS_XMP, &[b"xmp"]) => Some(Property::CreatorTool),
        b"Software" if in_ns(NS_TIFF, &[b"tiff"]) => Some(Property::Software),
        b"Credit" if in_ns(NS_PHOTOSHOP, &[b"photoshop"]) => Some(Property::Credit),
        _ if uri != Some(NS_RDF.as_bytes()) => ANNEX_E_FIELDS
            .iter()
            .find(|f| f.as_bytes() == local)
            .map(|f| Property::AnnexE(f)),
        _ => None,
    }
}

/// An open element whose text is being collected.
struct Capture {
    property: Property,
    depth: usize,
    description: usize,
    text: String,
}

/// Reads the label-relevant properties of an XMP packet.
pub fn parse(data: &[u8]) -> Xmp {
    let mut xmp = Xmp::default();
    let mut reader = NsReader::from_reader(data);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    let mut capture: Option<Capture> = None;
    let mut descriptions = Descriptions::default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                let (ns, local) = reader.resolve_element(e.name());
                let prefix = e.name().prefix().map(|p| p.into_inner());
                let description = descriptions.enter(&ns, prefix, local.into_inner());
                read_attributes(&reader, &e, &mut xmp, description);
                if capture.is_none() {
                    if let Some(property) = classify(&ns, prefix, local.into_inner()) {
                        match rdf_resource(&reader, &e) {
                            Some(value) => push(&mut xmp, property, value, description),
                            None => {
                                capture = Some(Capture {
                                    property,
                                    depth,
                                    description,
                                    text: String::new(),
                                })
                            }
                        }
                    }
                }
            }
            Ok(Event::Empty(e)) => {
                let (ns, local) = reader.resolve_element(e.name());
                let prefix = e.name().prefix().map(|p| p.into_inner());
                let description = descriptions.enter(&ns, prefix, local.into_inner());
                read_attributes(&reader, &e, &mut xmp, description);
                if let Some(property) = classify(&ns, prefix, local.into_inner()) {
                    if let Some(value) = rdf_resource(&reader, &e) {
                        push(&mut xmp, property, value, description);
                    }
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(c) = capture.as_mut() {
                    match t.unescape() {
                        Ok(text) => c.text.push_str(&text),
                        Err(_) => c.text.push_str(&String::from_utf8_lossy(&t)),
                    }
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Ok(Event::End(_)) => {
                if capture.as_ref().is_some_and(|c| c.depth == depth) {
                    if let Some(c) = capture.take() {
                        push(&mut xmp, c.property, c.text, c.description);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                xmp.error = Some(format!(
                    "malformed XML near byte {}: {err}",
                    reader.error_position()
                ));
                break;
            }
        }
    }
    if let Some(c) = capture {
        push(&mut xmp, c.property, c.text, c.description);
        xmp.error
            .get_or_insert_with(|| "XMP packet ends inside an element".to_string());
    }
    xmp
}

/// Numbers the `rdf:Description` elements, so that Annex E fields are grouped by the one that
/// holds them.
#[derive(Default)]
struct Descriptions {
    seen: usize,
}

impl Descriptions {
    /// The number of the description an element (resolved to `ns`, `prefix`, `local`)
    /// belongs to: a new one when it is an `rdf:Description`, else the last one opened.
    fn enter(&mut self, ns: &ResolveResult<'_>, prefix: Option<&[u8]>, local: &[u8]) -> usize {
        if local == b"Description" && in_namespace(ns, prefix, NS_RDF, &[b"rdf"]) {
            self.seen += 1;
        }
        self.seen.saturating_sub(1)
    }
}

fn push(xmp: &mut Xmp, property: Property, value: String, description: usize) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match property {
        Property::AnnexE(field) => xmp.annex_e.push((description, field, value.to_string())),
        _ => xmp.values.push((property, value.to_string())),
    }
}

fn read_attributes(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    xmp: &mut Xmp,
    description: usize,
) {
    for attr in e.attributes().with_checks(false).flatten() {
        let (ns, local) = reader.resolve_attribute(attr.key);
        let prefix = attr.key.prefix().map(|p| p.into_inner());
        if let Some(property) = classify(&ns, prefix, local.into_inner()) {
            let value = match attr.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => String::from_utf8_lossy(&attr.value).into_owned(),
            };
            push(xmp, property, value, description);
        }
    }
}

fn rdf_resource(reader: &NsReader<&[u8]>, e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find_map(|attr| {
            let (ns, local) = reader.resolve_attribute(attr.key);
            let is_rdf =
                matches!(ns, ResolveResult::Bound(Namespace(uri)) if uri == NS_RDF.as_bytes());
            (is_rdf && local.into_inner() == b"resource")
                .then(|| String::from_utf8_lossy(&attr.value).into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOUBAO: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"??><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"><TC260:AIGC>{&quot;Label&quot;:&quot;1&quot;}</TC260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    #[test]
    fn reads_element_form_despite_malformed_xpacket_header() {
        let xmp = parse(DOUBAO);
        assert_eq!(xmp.error, None);
        assert_eq!(
            xmp.values,
            vec![(Property::Tc260Aigc, r#"{"Label":"1"}"#.to_string())]
        );
    }

    #[test]
    fn reads_attribute_form() {
        let xmp = parse(br#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" TC260:AIGC="{&quot;Label&quot;:&quot;2&quot;}" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/></rdf:RDF>"#);
        assert_eq!(
            xmp.get(Property::Tc260Aigc).collect::<Vec<_>>(),
            vec![r#"{"Label":"2"}"#]
        );
        assert_eq!(xmp.get(Property::DigitalSourceType).count(), 1);
    }

    #[test]
    fn reads_rdf_resource_and_unbound_prefix() {
        let xmp = parse(br#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description><Iptc4xmpExt:DigitalSourceType rdf:resource="http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"/><xmp:CreatorTool>Midjourney</xmp:CreatorTool></rdf:Description></rdf:RDF>"#);
        assert_eq!(
            xmp.values,
            vec![
                (
                    Property::DigitalSourceType,
                    "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture".to_string()
                ),
                (Property::CreatorTool, "Midjourney".to_string()),
            ]
        );
    }

    #[test]
    fn other_namespaces_with_the_same_local_name_are_ignored() {
        let xmp = parse(br#"<a xmlns:o="urn:other"><o:AIGC>x</o:AIGC></a>"#);
        assert!(xmp.values.is_empty());
    }

    #[test]
    fn truncated_packets_keep_what_was_read() {
        for end in 0..DOUBAO.len() {
            let xmp = parse(&DOUBAO[..end]);
            assert!(xmp.values.len() <= 1);
        }
        let cut = &DOUBAO[..DOUBAO.len() - 60];
        assert_eq!(parse(cut).values.len(), 1);
    }

    #[test]
    fn annex_e_fields_are_grouped_by_description() {
        let xmp = parse(br#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" TC260:Label="1" TC260:ContentProducer="p"/><rdf:Description xmlns:o="urn:other"><o:ProduceID>id-2</o:ProduceID><Label>2</Label><Label>3</Label><rdf:type>t</rdf:type></rdf:Description></rdf:RDF>"#);
        assert!(xmp.values.is_empty());
        assert_eq!(
            xmp.annex_e_groups(),
            vec![
                vec![("Label", "1"), ("ContentProducer", "p")],
                vec![("ProduceID", "id-2"), ("Label", "2")],
            ]
        );
    }
}
