package reports

import (
	"errors"
	"time"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// Options configure a Renderer.
type Options struct {
	// Now is the clock for the documents' dates (creation date, and the report date when
	// the data has none). Fix it for reproducible output; nil means time.Now.
	Now func() time.Time
	// Branding is the default for documents whose data carries none; its zero fields are
	// Academy's (DefaultBranding).
	Branding Branding
	// Uncompressed leaves page streams readable, for debugging.
	Uncompressed bool
}

// Renderer draws reports. Build one with New and share it: it is safe for concurrent use
// and holds no per-document state.
type Renderer struct {
	engine  *pdf.Engine
	catalog catalog
	opts    Options
}

// New prepares the fonts and the message tables.
func New(opts Options) (*Renderer, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.Branding = opts.Branding.over(DefaultBranding())
	engine, err := pdf.NewEngine()
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	return &Renderer{engine: engine, catalog: cat, opts: opts}, nil
}

func (r *Renderer) now() time.Time { return r.opts.Now().UTC().Truncate(time.Second) }

// builder is the state of one document being drawn.
type builder struct {
	d     *pdf.Doc
	th    theme
	msg   *messages
	f     format
	lang  string
	brand Branding
	now   time.Time
}

// docSpec describes a document to start.
type docSpec struct {
	lang      string
	brand     Branding       // the data's branding; empty fields fall back to the Renderer's
	zone      *time.Location // dates are written in it; nil: UTC
	landscape bool
	margins   pdf.Margins
	// title, subject and author are message-resolved by the caller.
	title, subject, author func(b *builder) string
}

// start begins a document.
func (r *Renderer) start(s docSpec) (*builder, error) {
	lang, err := checkLang(s.lang)
	if err != nil {
		return nil, err
	}
	brand := s.brand.over(r.opts.Branding)
	accent, _ := accentColor(brand.Accent) // over() guarantees a valid accent
	b := &builder{th: newTheme(accent), msg: &messages{table: r.catalog[lang]}, f: format{lang: lang, zone: s.zone},
		lang: lang, brand: brand, now: r.now()}
	cfg := pdf.Config{Landscape: s.landscape, Margins: s.margins, Created: b.now, Lang: lang,
		Creator: brand.Name, Uncompressed: r.opts.Uncompressed}
	if s.title != nil {
		cfg.Title = s.title(b)
	}
	if s.subject != nil {
		cfg.Subject = s.subject(b)
	}
	if s.author != nil {
		cfg.Author = s.author(b)
	}
	b.d = r.engine.New(cfg)
	return b, nil
}

// finish returns the document, or the first problem: a drawing error or a message key
// missing from the table.
func (b *builder) finish() ([]byte, error) {
	if err := errors.Join(b.msg.err(), b.d.Err()); err != nil {
		return nil, err
	}
	return b.d.Bytes()
}

// T is b.msg.T.
func (b *builder) T(key string, args ...string) string { return b.msg.T(key, args...) }
