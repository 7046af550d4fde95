//! Typesets PDF documents from a Typst template and JSON data, with the fonts compiled in.
//!
//! Domain-neutral: callers own their templates and data. Text written by people always travels
//! as data (`json("/data.json")` in the template), never spliced into markup, so a `#` or a `*`
//! in a name is printed, not run. This crate is heavy to compile (typst); it sits apart so that
//! app changes do not rebuild it. It does no I/O: no disk, network, system fonts or clock.

mod world;

use std::collections::HashMap;

use serde::Serialize;
use typst::World;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Bytes;
use typst::syntax::Source;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Where the template finds its data: `#let data = json("/data.json")`.
pub const DATA_FILE: &str = "/data.json";
const MAIN_FILE: &str = "/main.typ";

/// How many compilations an unused entry of Typst's memoization cache survives. Typst caches
/// results globally; without eviction a long-running server would only grow.
const CACHE_MAX_AGE: usize = 10;

/// A document that compiled, with the warnings Typst gave (worth logging, not fatal).
#[derive(Debug)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The data could not be written as JSON (a map with non-string keys, for instance).
    #[error("the document data cannot be written as JSON: {0}")]
    Data(#[from] serde_json::Error),
    /// A file name the caller gave is not a valid path, or takes the place of the main file
    /// or of the data file.
    #[error("invalid file name {0}")]
    FileName(String),
    /// The template did not compile with this data: each Typst error with its line.
    #[error("the template does not compile: {0}")]
    Template(String),
    /// The layout could not be written as PDF, e.g. it breaks PDF/UA-1 rules.
    #[error("the PDF cannot be written: {0}")]
    Export(String),
}

/// Compiles `template` with `data` (readable at [`DATA_FILE`]) and extra `files` (images, SVG
/// QR codes…, by absolute virtual path such as `/qr.svg`) into a tagged PDF that conforms to
/// PDF/UA-1.
///
/// The template must set a title (`set document(title: …)`), which PDF/UA requires, and should
/// set the language (`set text(lang: "fr")`), or the PDF says it is English. CPU-bound (tens of
/// milliseconds per page in a debug build): call it off the async runtime.
pub fn render(
    template: &str,
    data: &impl Serialize,
    files: &[(&str, &[u8])],
) -> Result<RenderedPdf, PdfError> {
    let world = world_for(template, data, files)?;
    let result = compile(&world).and_then(|(document, warnings)| {
        let options = PdfOptions {
            standards: PdfStandards::new(&[PdfStandard::Ua_1])
                .map_err(|error| PdfError::Export(error.message().to_string()))?,
            tagged: true,
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options)
            .map_err(|errors| PdfError::Export(describe_all(&world, &errors)))?;
        Ok(RenderedPdf { bytes, warnings })
    });
    typst::comemo::evict(CACHE_MAX_AGE);
    result
}

fn world_for(
    template: &str,
    data: &impl Serialize,
    files: &[(&str, &[u8])],
) -> Result<world::MemoryWorld, PdfError> {
    let main_id = world::file_id(MAIN_FILE).map_err(PdfError::FileName)?;
    let data_id = world::file_id(DATA_FILE).map_err(PdfError::FileName)?;
    let mut virtual_files = HashMap::new();
    virtual_files.insert(data_id, Bytes::new(serde_json::to_vec(data)?));
    for (name, content) in files {
        let id = world::file_id(name).map_err(PdfError::FileName)?;
        if id == main_id || id == data_id {
            return Err(PdfError::FileName(format!("{name:?} is reserved")));
        }
        virtual_files.insert(id, Bytes::new(content.to_vec()));
    }
    Ok(world::MemoryWorld::new(
        Source::new(main_id, template.to_owned()),
        virtual_files,
    ))
}

/// Lays the document out, without writing the PDF.
fn compile(world: &world::MemoryWorld) -> Result<(PagedDocument, Vec<String>), PdfError> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = warned
        .warnings
        .iter()
        .map(|warning| describe(world, warning))
        .collect();
    match warned.output {
        Ok(document) => Ok((document, warnings)),
        Err(errors) => Err(PdfError::Template(describe_all(world, &errors))),
    }
}

/// The errors among `diagnostics`, separated by "; ".
fn describe_all(world: &dyn World, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| describe(world, diagnostic))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "line 12, column 5: unknown variable: nom (hint: …)", with the file when not the template.
fn describe(world: &dyn World, diagnostic: &SourceDiagnostic) -> String {
    let place = diagnostic.span.id().and_then(|id| {
        let range = typst::WorldExt::range(world, diagnostic.span)?;
        let source = world.source(id).ok()?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let file = if id == world.main() {
            String::new()
        } else {
            format!("{}, ", id.vpath().get_with_slash())
        };
        Some(format!("{file}line {}, column {}: ", line + 1, column + 1))
    });
    format!(
        "{}{}",
        place.unwrap_or_default(),
        describe_message(diagnostic)
    )
}

fn describe_message(diagnostic: &SourceDiagnostic) -> String {
    let mut text = diagnostic.message.to_string();
    for hint in &diagnostic.hints {
        text.push_str(&format!(" (hint: {})", hint.v));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use typst::layout::FrameItem;

    const SIMPLE: &str = r#"
#let data = json("/data.json")
#set document(title: data.title)
#set text(font: "DejaVu Sans", lang: "fr")
#set page(paper: "a4")
= #data.title
#data.name
"#;

    fn laid_out(
        template: &str,
        data: &serde_json::Value,
        files: &[(&str, &[u8])],
    ) -> Result<(PagedDocument, Vec<String>), PdfError> {
        compile(&world_for(template, data, files)?)
    }

    /// The text of every page, in reading order, as Typst laid it out.
    fn texts(document: &PagedDocument) -> String {
        fn walk(frame: &typst::layout::Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => walk(&group.frame, out),
                    FrameItem::Text(text) => out.push_str(&text.text),
                    _ => {}
                }
            }
        }
        let mut out = String::new();
        for page in document.pages() {
            walk(&page.frame, &mut out);
            out.push('\n');
        }
        out
    }

    #[test]
    fn a_one_page_document_is_a_pdf_with_its_title_and_language() {
        let data = json!({"title": "Relais test", "name": "Médiathèque"});
        let pdf = render(SIMPLE, &data, &[]).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"), "a PDF header");
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
        let (document, _) = laid_out(SIMPLE, &data, &[]).unwrap();
        assert_eq!(document.pages().len(), 1);
        let raw = String::from_utf8_lossy(&pdf.bytes);
        assert!(raw.contains("/Title(Relais test)"), "title in the metadata");
        assert!(
            raw.contains("/DisplayDocTitle true"),
            "viewers show the title"
        );
        assert!(raw.contains("/Lang(fr)"), "document language");
        assert!(raw.contains("/StructTreeRoot"), "tagged PDF");
        assert!(raw.contains("pdfuaid:part"), "PDF/UA-1 identification");
    }

    #[test]
    fn markup_in_data_is_printed_literally() {
        let name = r#"#panic("x") *bold* $x$ [link](http://x) <a> @ref \ _i_ `raw`"#;
        let data = json!({"title": "Injection", "name": name});
        let (document, warnings) = laid_out(SIMPLE, &data, &[]).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let text = texts(&document);
        assert!(
            text.replace('\n', "").contains(name),
            "the name is printed as typed: {text}"
        );
        assert!(render(SIMPLE, &data, &[]).is_ok());
    }

    #[test]
    fn template_errors_say_where_without_panicking() {
        let template = "#set document(title: \"t\")\n\n#let x = (1)\n#x.nom";
        let error = render(template, &json!({}), &[]).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, PdfError::Template(_)), "{message}");
        assert!(message.contains("line 4"), "{message}");

        let error = render("#panic(\"boom\")", &json!({}), &[]).unwrap_err();
        assert!(error.to_string().contains("boom"), "{error}");
    }

    #[test]
    fn a_document_without_title_is_refused_by_pdf_ua() {
        let template = "#set text(lang: \"fr\")\nBonjour";
        let error = render(template, &json!({}), &[]).unwrap_err();
        assert!(matches!(error, PdfError::Export(_)), "{error}");
        assert!(error.to_string().contains("title"), "{error}");
    }

    #[test]
    fn extra_files_are_readable_and_reserved_names_refused() {
        let template = "#set document(title: \"t\")\n#set text(lang: \"fr\")\n#read(\"/note.txt\")";
        let (document, _) = laid_out(template, &json!({}), &[("/note.txt", b"Bonjour")]).unwrap();
        assert!(texts(&document).contains("Bonjour"));
        assert!(matches!(
            render(template, &json!({}), &[("/data.json", b"{}")]),
            Err(PdfError::FileName(_))
        ));
        let missing = render(template, &json!({}), &[]).unwrap_err();
        assert!(missing.to_string().contains("note.txt"), "{missing}");
    }

    #[test]
    fn no_file_outside_the_given_ones_can_be_read() {
        let template = "#set document(title: \"t\")\n#read(\"/etc/passwd\")";
        assert!(matches!(
            render(template, &json!({}), &[]),
            Err(PdfError::Template(_))
        ));
        let template = "#import \"@preview/cetz:0.3.0\"";
        assert!(matches!(
            render(template, &json!({}), &[]),
            Err(PdfError::Template(_))
        ));
    }
}
