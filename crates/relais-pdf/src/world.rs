//! The closed world a template compiles in: one main file, the data file, the files the caller
//! gives, and the fonts compiled into this crate. No disk, no network, no system fonts, no
//! packages and no clock, so the same inputs always give the same PDF.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// What every compilation shares: the standard library and the embedded fonts, parsed once.
struct Environment {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// DejaVu Sans (Bitstream Vera licence, see `fonts/README.md`); templates ask for it with
/// `set text(font: "DejaVu Sans")`, and Typst warns when a template names another family.
const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

static ENVIRONMENT: LazyLock<Environment> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Environment {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The absolute virtual path of a file in the project root (`/data.json`).
pub(crate) fn file_id(path: &str) -> Result<FileId, String> {
    let path = VirtualPath::new(path).map_err(|error| format!("{path:?}: {error:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

pub(crate) struct MemoryWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl MemoryWorld {
    pub(crate) fn new(main: Source, files: HashMap<FileId, Bytes>) -> Self {
        Self { main, files }
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &ENVIRONMENT.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &ENVIRONMENT.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = bytes.as_str().map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().to_owned().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        ENVIRONMENT.fonts.get(index).cloned()
    }

    /// Dates come from the caller's data (the app's clock), never from the machine.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
