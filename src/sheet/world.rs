//! The smallest typst `World` that compiles one of our templates: the template as the main
//! source, the data as JSON and QR codes as SVG, served from memory; the bundled Noto Sans faces
//! as the only fonts. Nothing is read from disk or the network (typst's `@preview`
//! packages, which download, are not available at all).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Noto Sans JP for every page, and for the fixed text of sheets in other languages Noto Sans
/// (Latin, Vietnamese), Noto Sans SC and Noto Sans KR (SIL Open Font License 1.1,
/// `assets/fonts/OFL.txt`). Chinese and Korean come in one weight: their bold text is set in it.
const FONTS: [&[u8]; 6] = [
    include_bytes!("../../assets/fonts/NotoSansJP-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansJP-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansSC-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansKR-Regular.ttf"),
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Fonts and the standard library are parsed once per process; a warm sheet then costs only
/// layout and PDF writing.
fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// A file id for a fixed virtual path. The set of paths is small and fixed (`/main.typ`,
/// `/data.json`, `/qr-N.svg`), so typst's global interner does not grow with use.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the sheet's own file paths are plain and valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub struct SheetWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: NaiveDate,
}

impl SheetWorld {
    pub fn new(template: &str, files: Vec<(&str, Vec<u8>)>, today: NaiveDate) -> SheetWorld {
        SheetWorld {
            main: Source::new(file_id("/main.typ"), template.to_owned()),
            files: files
                .into_iter()
                .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
                .collect(),
            today,
        }
    }
}

impl World for SheetWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            u8::try_from(self.today.month()).ok()?,
            u8::try_from(self.today.day()).ok()?,
        )
    }
}
