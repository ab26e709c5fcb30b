// Package pdf is the drawing layer of Academy's reports: a thin, deterministic layer over
// codeberg.org/go-pdf/fpdf with text in any language, measured layout (a block, a table
// row or a chart is never split across pages: it is measured first and the page breaks
// before it), tables with repeated headers, wrapped text, vector shapes, and stream
// compression.
//
// Build one [Engine] per process (it prepares the fonts, once) and a [Doc] per document.
// An Engine is safe for concurrent use; a Doc belongs to one goroutine.
//
// Fonts. Text is set in Liberation Sans (package fonts). fpdf's UTF-8 font path parses
// the whole TrueType file again for every document and, per face, allocates a 64 Ki-entry
// width table, a 128 KiB CIDToGID map and two fresh zlib writers; fpdf offers no way to
// share a parsed font between documents (its parsed font is unexported and the subset is
// cut from it while writing). Six pages of text in three faces cost about 20 ms and 25 MB
// that way (BenchmarkSixPagesFpdfUTF8PerDocument). So the Engine derives, once, a WinAnsi
// (Windows-1252) version of each face from the unmodified font file: the widths of its 251
// characters, measured with fpdf's own parser, and a subset font program of just those
// glyphs, compressed. A document then loads a face by decoding a 1.4 KB definition and
// references the shared font bytes, which fpdf only reads (it would write them only to
// encrypt, which a Doc never does): no parsing, no compression (1.3 ms and
// 1 MB for the same six pages, BenchmarkSixPagesEngine). Faces are added to a document on
// first use, so an unused face is not embedded. Windows-1252 covers Spanish, English and
// the other Western European languages (á é í ó ú ü ñ ¿ ¡ · « » – — € …). A string with a
// character outside it (a name like "Łukasz" or "Ștefan") is set in the full UTF-8 face of
// the same font, loaded into that document only when first needed: the same glyphs and
// widths, so the two mix invisibly, and only such documents pay the UTF-8 price.
// Characters beyond the Basic Multilingual Plane (emoji) become U+FFFD.
//
// Determinism. A Doc sets the creation and modification dates from its Config, sorts
// fpdf's resource catalogues, writes no document ID, and compresses every stream the same
// way, so the same drawing calls give the same bytes.
//
// Compression. fpdf creates a new zlib writer (about 1.1 MB of tables) for every page it
// compresses. A Doc lets fpdf write its pages uncompressed, then deflates every stream that
// has no filter yet with zlib writers the Engine keeps for reuse (klauspost/compress, about
// twice as fast as compress/zlib), and rewrites the cross-reference table (compress.go).
package pdf
