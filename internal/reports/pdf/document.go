package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Margins are the page margins in millimetres.
type Margins struct{ Top, Right, Bottom, Left float64 }

// Config describes a document. Sizes are in millimetres, A4.
type Config struct {
	Landscape bool
	Margins   Margins
	// Created is the creation and modification date written in the document; give a fixed
	// time for reproducible output. The zero time means the Unix epoch, never "now".
	Created time.Time
	// Title, Subject, Author and Creator go into the document information; Lang (a BCP 47
	// tag such as "es") is the document's language for screen readers.
	Title, Subject, Author, Creator, Lang string
	// Uncompressed leaves the page streams readable (for debugging).
	Uncompressed bool
}

// Doc is one document being drawn. It is not safe for concurrent use. Drawing errors are
// kept and returned by Bytes; after the first one, drawing does nothing.
type Doc struct {
	e          *Engine
	f          *fpdf.Fpdf
	cfg        Config
	pageW      float64
	pageH      float64
	winAnsi    [3]bool // WinAnsi face loaded
	utf8       [3]bool // UTF-8 fallback face loaded
	cur        fontState
	gs         graphicsState
	y          float64
	pageStart  func(*Doc) float64
	placements []Placement
	err        error
}

// graphicsState is the fill and stroke last set on the current page, so that unchanged
// values are not written again before every shape.
type graphicsState struct {
	hasFill, hasDraw, hasWidth bool
	fill, draw                 Color
	lineWidth                  float64
}

type fontState struct {
	valid  bool
	family string
	style  Style
	size   float64
	color  Color
}

// New starts a document.
func (e *Engine) New(cfg Config) *Doc {
	orientation := "P"
	if cfg.Landscape {
		orientation = "L"
	}
	f := fpdf.New(orientation, "mm", "A4", "")
	created := cfg.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetCompression(false) // compressed afterwards, see compress.go
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(cfg.Margins.Left, cfg.Margins.Top, cfg.Margins.Right)
	f.SetProducer("Academy", true)
	if cfg.Title != "" {
		f.SetTitle(oneLine(cfg.Title), true)
	}
	if cfg.Subject != "" {
		f.SetSubject(oneLine(cfg.Subject), true)
	}
	if cfg.Author != "" {
		f.SetAuthor(oneLine(cfg.Author), true)
	}
	if cfg.Creator != "" {
		f.SetCreator(oneLine(cfg.Creator), true)
	}
	if cfg.Lang != "" {
		f.SetLang(cfg.Lang)
	}
	w, h := f.GetPageSize()
	return &Doc{e: e, f: f, cfg: cfg, pageW: w, pageH: h}
}

// Fail records err (the first error wins) and stops drawing.
func (d *Doc) Fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

// Err returns the first drawing error.
func (d *Doc) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.f.Error()
}

func (d *Doc) ok() bool { return d.err == nil && d.f.Ok() }

// PageSize returns the page width and height.
func (d *Doc) PageSize() (w, h float64) { return d.pageW, d.pageH }

// Margins returns the configured margins.
func (d *Doc) Margins() Margins { return d.cfg.Margins }

// Left and Right are the x of the content area's edges; Width is its width.
func (d *Doc) Left() float64 { return d.cfg.Margins.Left }

// Right is the x of the content area's right edge.
func (d *Doc) Right() float64 { return d.pageW - d.cfg.Margins.Right }

// Width is the width of the content area.
func (d *Doc) Width() float64 { return d.Right() - d.Left() }

// Page is the current page number, from 1; 0 before the first page.
func (d *Doc) Page() int { return d.f.PageNo() }

// Pages is the number of pages so far.
func (d *Doc) Pages() int { return d.f.PageCount() }

// EachPage runs draw on every page, for running footers that show the page count. Call it
// once all content is drawn.
func (d *Doc) EachPage(draw func(page, pages int)) {
	pages := d.f.PageCount()
	for p := 1; p <= pages && d.ok(); p++ {
		d.f.SetPage(p)
		// The page's own stream has its own state: set font and colours again.
		d.cur.valid = false
		d.gs = graphicsState{}
		d.f.SetFillColor(d.f.GetFillColor())
		d.f.SetDrawColor(d.f.GetDrawColor())
		d.f.SetLineWidth(d.f.GetLineWidth())
		draw(p, pages)
	}
}

// Bytes finishes the document and returns it.
func (d *Doc) Bytes() ([]byte, error) {
	if err := d.Err(); err != nil {
		return nil, err
	}
	if d.f.PageCount() == 0 {
		return nil, errors.New("pdf: document has no pages")
	}
	var raw capture
	if err := d.f.Output(&raw); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if d.cfg.Uncompressed {
		return raw.b, nil
	}
	out, err := d.e.compressStreams(raw.b)
	if err != nil {
		return nil, fmt.Errorf("pdf: compress: %w", err)
	}
	return out, nil
}

// capture is the writer fpdf's Output writes the finished document to, in one Write of its
// whole buffer. The document is some hundreds of kilobytes and fpdf never touches its
// buffer again, so capture keeps the slice instead of copying it (bending io.Writer's rule
// against retaining p, knowingly, for the one caller that allows it).
type capture struct{ b []byte }

func (c *capture) Write(p []byte) (int, error) {
	if c.b == nil {
		c.b = p
	} else {
		c.b = append(bytes.Clone(c.b), p...)
	}
	return len(p), nil
}
