//! Checks on an uploaded file, from its content, never trusting its name: a size limit, a file
//! name without any path, an allow-list of types recognised by their first bytes (PDF, PNG,
//! JPEG, OpenDocument and Office Open XML documents), an extension that matches the content,
//! no executable content, and, for the zip-based documents, a central directory whose declared
//! sizes stay reasonable (a zip bomb is refused without inflating anything). Pure.

/// The largest file accepted.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// What the entries of a zip-based document may add up to once uncompressed.
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;
/// How much larger than the file its uncompressed entries may be.
pub const MAX_ZIP_RATIO: u64 = 100;
pub const MAX_ZIP_ENTRIES: usize = 2000;
pub const MAX_NAME_CHARS: usize = 120;

/// A type the library accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Odt,
    Ods,
    Odp,
    Docx,
    Xlsx,
    Pptx,
}

impl FileType {
    const ALL: [Self; 9] = [
        Self::Pdf,
        Self::Png,
        Self::Jpeg,
        Self::Odt,
        Self::Ods,
        Self::Odp,
        Self::Docx,
        Self::Xlsx,
        Self::Pptx,
    ];

    /// The stored value, also the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Odt => "odt",
            Self::Ods => "ods",
            Self::Odp => "odp",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Pptx => "pptx",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    fn from_extension(extension: &str) -> Option<Self> {
        match extension {
            "jpeg" => Some(Self::Jpeg),
            other => Self::parse(other),
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Odp => "application/vnd.oasis.opendocument.presentation",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        }
    }
}

/// Why a file is refused; each names a French message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("empty file")]
    Empty,
    #[error("file too large")]
    TooLarge,
    #[error("a path in the file name")]
    PathInName,
    #[error("executable content")]
    Executable,
    #[error("type not accepted")]
    NotAccepted,
    #[error("the extension does not match the content")]
    Mismatch,
    #[error("zip bomb")]
    ZipBomb,
}

impl UploadError {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Empty => "resources-error-empty",
            Self::TooLarge => "resources-error-too-large",
            Self::PathInName => "resources-error-path",
            Self::Executable => "resources-error-executable",
            Self::NotAccepted => "resources-error-type",
            Self::Mismatch => "resources-error-mismatch",
            Self::ZipBomb => "resources-error-zip-bomb",
        }
    }
}

/// Checks an uploaded file; returns its type. The name is checked as given (a browser sends a
/// bare name; anything with a folder in it is refused, not cleaned).
pub fn check(file_name: &str, bytes: &[u8]) -> Result<FileType, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(UploadError::TooLarge);
    }
    let name = file_name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.contains(['/', '\\', ':'])
        || name.contains("..")
        || name.starts_with('.')
        || name.chars().any(char::is_control)
    {
        return Err(UploadError::PathInName);
    }
    if is_executable(bytes) {
        return Err(UploadError::Executable);
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    let claimed = FileType::from_extension(&extension);
    let found = sniff(bytes)?;
    match (claimed, found) {
        (Some(claimed), Some(found)) if claimed == found => Ok(found),
        (_, None) => Err(UploadError::NotAccepted),
        _ => Err(UploadError::Mismatch),
    }
}

/// Windows and DOS programs, Linux and macOS binaries, Java classes, scripts with a shebang.
fn is_executable(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 7] = [
        b"MZ",
        b"\x7fELF",
        b"\xcf\xfa\xed\xfe",
        b"\xce\xfa\xed\xfe",
        b"\xfe\xed\xfa\xcf",
        b"\xca\xfe\xba\xbe",
        b"#!",
    ];
    SIGNATURES
        .iter()
        .any(|signature| bytes.starts_with(signature))
}

/// The type of the content, `None` when it is none of the accepted ones.
fn sniff(bytes: &[u8]) -> Result<Option<FileType>, UploadError> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(Some(FileType::Pdf));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Some(FileType::Png));
    }
    if bytes.starts_with(b"\xff\xd8\xff") {
        return Ok(Some(FileType::Jpeg));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let names = zip_entry_names(bytes)?;
        return Ok(document_type(bytes, &names));
    }
    Ok(None)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..at + 2)
        .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..at + 4)
        .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// The entry names of a zip file, read from its central directory, after checking what the
/// entries declare they uncompress to. A damaged directory counts as a bomb: nothing readable
/// can be checked.
fn zip_entry_names(bytes: &[u8]) -> Result<Vec<String>, UploadError> {
    const END: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes[at..].starts_with(END))
        .ok_or(UploadError::ZipBomb)?;
    let entries = u16_at(bytes, end + 10).ok_or(UploadError::ZipBomb)?;
    let mut at = usize::try_from(u32_at(bytes, end + 16).ok_or(UploadError::ZipBomb)?)
        .map_err(|_| UploadError::ZipBomb)?;
    if entries == 0xFFFF || entries as usize > MAX_ZIP_ENTRIES {
        return Err(UploadError::ZipBomb);
    }
    let mut total: u64 = 0;
    let mut names = Vec::new();
    for _ in 0..entries {
        if !bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(b"PK\x01\x02"))
        {
            return Err(UploadError::ZipBomb);
        }
        let uncompressed = u32_at(bytes, at + 24).ok_or(UploadError::ZipBomb)?;
        // 0xFFFFFFFF: the real size is in a ZIP64 field, which no office document needs.
        if uncompressed == 0xFFFF_FFFF {
            return Err(UploadError::ZipBomb);
        }
        total += uncompressed;
        let name_len = u16_at(bytes, at + 28).ok_or(UploadError::ZipBomb)? as usize;
        let extra_len = u16_at(bytes, at + 30).ok_or(UploadError::ZipBomb)? as usize;
        let comment_len = u16_at(bytes, at + 32).ok_or(UploadError::ZipBomb)? as usize;
        let name = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or(UploadError::ZipBomb)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + name_len + extra_len + comment_len;
    }
    if total > MAX_UNZIPPED_BYTES || total > (bytes.len() as u64) * MAX_ZIP_RATIO {
        return Err(UploadError::ZipBomb);
    }
    Ok(names)
}

/// An OpenDocument file starts with an uncompressed `mimetype` entry naming its type; an
/// Office Open XML file has `[Content_Types].xml` and its main part's folder.
fn document_type(bytes: &[u8], names: &[String]) -> Option<FileType> {
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_folder = |folder: &str| names.iter().any(|n| n.starts_with(folder));
    if names.first().is_some_and(|n| n == "mimetype") {
        let name_len = u16_at(bytes, 26)? as usize;
        let extra_len = u16_at(bytes, 28)? as usize;
        let size = u32_at(bytes, 18)? as usize;
        let start = 30 + name_len + extra_len;
        let mimetype = bytes.get(start..start + size)?;
        return [FileType::Odt, FileType::Ods, FileType::Odp]
            .into_iter()
            .find(|t| t.media_type().as_bytes() == mimetype);
    }
    if has("[Content_Types].xml") {
        if has_folder("word/") {
            return Some(FileType::Docx);
        }
        if has_folder("xl/") {
            return Some(FileType::Xlsx);
        }
        if has_folder("ppt/") {
            return Some(FileType::Pptx);
        }
    }
    None
}

/// A file name safe in a `Content-Disposition` header: the ASCII letters, digits, dots,
/// hyphens and underscores of the name, the rest as `_`.
pub fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A minimal zip file (stored entries) for tests: `(name, content, declared uncompressed size)`.
#[cfg(test)]
pub fn test_zip(entries: &[(&str, &[u8], u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content, declared) in entries {
        let offset = out.len() as u32;
        let header = |signature: &[u8], central: bool| {
            let mut h = signature.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked here)
            h.extend_from_slice(&(content.len() as u32).to_le_bytes());
            h.extend_from_slice(&declared.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(content);
        central.extend(header(b"PK\x01\x02", true));
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odt() -> Vec<u8> {
        let mimetype = FileType::Odt.media_type().as_bytes();
        test_zip(&[
            ("mimetype", mimetype, mimetype.len() as u32),
            ("content.xml", b"<office/>", 9),
        ])
    }

    fn docx() -> Vec<u8> {
        test_zip(&[
            ("[Content_Types].xml", b"<Types/>", 8),
            ("word/document.xml", b"<w/>", 4),
        ])
    }

    #[test]
    fn accepted_types_are_recognised_from_their_content() {
        assert_eq!(check("affiche.pdf", b"%PDF-1.7\n..."), Ok(FileType::Pdf));
        assert_eq!(
            check("Logo.PNG", b"\x89PNG\r\n\x1a\n...."),
            Ok(FileType::Png)
        );
        assert_eq!(
            check("photo.jpeg", b"\xff\xd8\xff\xe0..."),
            Ok(FileType::Jpeg)
        );
        assert_eq!(check("kit.odt", &odt()), Ok(FileType::Odt));
        assert_eq!(check("kit.docx", &docx()), Ok(FileType::Docx));
    }

    #[test]
    fn executable_content_is_refused_whatever_its_name() {
        assert_eq!(
            check("guide.pdf", b"MZ\x90\x00"),
            Err(UploadError::Executable)
        );
        assert_eq!(
            check("outil.png", b"\x7fELF\x02"),
            Err(UploadError::Executable)
        );
        assert_eq!(
            check("lisez.pdf", b"#!/bin/sh\nrm"),
            Err(UploadError::Executable)
        );
    }

    #[test]
    fn an_extension_that_does_not_match_the_content_is_refused() {
        assert_eq!(check("image.png", b"%PDF-1.4"), Err(UploadError::Mismatch));
        assert_eq!(check("kit.docx", &odt()), Err(UploadError::Mismatch));
        assert_eq!(
            check("sans-extension", b"%PDF-1.4"),
            Err(UploadError::Mismatch)
        );
        assert_eq!(check("page.html", b"<html>"), Err(UploadError::NotAccepted));
        assert_eq!(
            check("archive.odt", &test_zip(&[("a.txt", b"a", 1)])),
            Err(UploadError::NotAccepted)
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it() {
        let bomb = test_zip(&[
            ("[Content_Types].xml", b"<Types/>", 8),
            ("word/document.xml", b"x", 4_000_000_000),
        ]);
        assert_eq!(check("bombe.docx", &bomb), Err(UploadError::ZipBomb));
        let ratio = test_zip(&[
            ("[Content_Types].xml", b"<Types/>", 8),
            ("word/document.xml", b"x", 60_000),
        ]);
        assert_eq!(check("ratio.docx", &ratio), Err(UploadError::ZipBomb));
        let zip64 = test_zip(&[("word/document.xml", b"x", u32::MAX)]);
        assert_eq!(check("zip64.docx", &zip64), Err(UploadError::ZipBomb));
        let mut broken = docx();
        broken.truncate(broken.len() - 10);
        assert_eq!(check("casse.docx", &broken), Err(UploadError::ZipBomb));
    }

    #[test]
    fn size_and_name_are_checked() {
        assert_eq!(check("vide.pdf", b""), Err(UploadError::Empty));
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(check("gros.pdf", &big), Err(UploadError::TooLarge));
        for name in [
            "../../etc/passwd.pdf",
            "dossier/fiche.pdf",
            "C:\\Users\\fiche.pdf",
            ".cache.pdf",
            "fiche\n.pdf",
        ] {
            assert_eq!(
                check(name, b"%PDF-1.7"),
                Err(UploadError::PathInName),
                "{name}"
            );
        }
    }

    #[test]
    fn download_names_keep_only_safe_characters() {
        assert_eq!(ascii_name("Fiche été \"2026\".pdf"), "Fiche__t___2026_.pdf");
    }
}
