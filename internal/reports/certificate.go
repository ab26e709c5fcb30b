package reports

import (
	"strings"
	"time"

	"github.com/academy-platform/academy/internal/reports/pdf"
)

// CertificateData is what a module certificate shows.
type CertificateData struct {
	Learner      string
	Module       Text
	CompletedAt  time.Time
	Organisation string
	// Branding, when set, replaces the Renderer's default branding.
	Branding *Branding
	// Zone is the organisation's time zone, in which dates are written; nil: UTC.
	Zone *time.Location
	// Lessons, Minutes and QuizScore (0–100) describe the module; zero values are left out.
	Lessons, Minutes int
	QuizScore        *float64
	// Reference, when set, identifies the certificate (for a later verification page).
	Reference string
}

// Certificate draws a one-page, landscape certificate of completion of a module.
func (r *Renderer) Certificate(data CertificateData, lang string) ([]byte, error) {
	var brand Branding
	if data.Branding != nil {
		brand = *data.Branding
	}
	b, err := r.start(docSpec{lang: lang, brand: brand, zone: data.Zone, landscape: true,
		margins: pdf.Margins{Top: 20, Right: 24, Bottom: 20, Left: 24},
		title: func(b *builder) string {
			return b.T("certificate.doc_title", "module", data.Module.In(b.lang), "name", data.Learner)
		},
		author: func(b *builder) string { return data.Organisation },
	})
	if err != nil {
		return nil, err
	}
	b.certificate(data)
	return b.finish()
}

// certificate draws the page.
func (b *builder) certificate(data CertificateData) {
	d, th := b.d, b.th
	d.AddPage()
	w, h := d.PageSize()
	d.Rect(10, 10, w-20, h-20, pdf.Stroked(th.accent, 1.4))
	d.Rect(14, 14, w-28, h-28, pdf.Stroked(th.accent.Tint(0.55), 0.3))
	d.Rect(10, 10, w-20, 7, pdf.Filled(th.accent))

	if logo := b.brand.Logo; logo != nil {
		d.Image("logo", logo.Data, logo.Kind, w/2-30, 24, 60, 18, pdf.AlignCenter)
	} else {
		brand := pdf.Font{Style: pdf.Bold, Size: 15, Color: th.accent}
		d.Text(brand, 0, 34, w, b.brand.Name, pdf.AlignCenter)
	}

	// The central block, measured first so that it is centred vertically.
	textW := w - 70
	muted := pdf.Font{Size: 12.5, Color: th.muted}
	eyebrow := pdf.Font{Style: pdf.Bold, Size: 11, Color: th.accent}
	name, nameLines := b.fit(data.Learner, pdf.Font{Style: pdf.Bold, Color: th.ink}, 34, 20, textW, 2)
	module, moduleLines := b.fit(data.Module.In(b.lang), pdf.Font{Style: pdf.Bold, Color: th.accent}, 22, 15, textW, 2)
	details := b.certificateDetails(data)
	type line struct {
		fnt  pdf.Font
		text string
		gap  float64 // space above
	}
	var lines []line
	add := func(fnt pdf.Font, gap float64, texts ...string) {
		for i, t := range texts {
			if i > 0 {
				gap = 0
			}
			lines = append(lines, line{fnt, t, gap})
		}
	}
	add(eyebrow, 0, strings.ToUpper(b.T("certificate.eyebrow")))
	add(muted, 9, b.T("certificate.certifies"))
	add(name, 4, nameLines...)
	add(muted, 5, b.T("certificate.completed"))
	add(module, 3, moduleLines...)
	add(pdf.Font{Size: 12.5, Color: th.ink}, 6, b.T("certificate.on", "date", b.f.Date(data.CompletedAt)))
	if data.Organisation != "" {
		add(muted, 1.5, d.Truncate(muted, d.Wrap(muted, data.Organisation, textW), 2, textW)...)
	}
	if details != "" {
		add(pdf.Font{Size: 9.5, Color: th.muted}, 6, details)
	}
	total := 0.0
	for _, l := range lines {
		total += l.gap + l.fnt.LineHeight()
	}
	y := 50 + (h-50-46-total)/2
	for i, l := range lines {
		y += l.gap
		d.Text(l.fnt, 0, pdf.Baseline(l.fnt, y, l.fnt.LineHeight()), w, l.text, pdf.AlignCenter)
		y += l.fnt.LineHeight()
		if i == 0 {
			d.Rect(w/2-10, y+1.5, 20, 0.8, pdf.Filled(th.accent))
		}
	}
	b.certificateFooter(data, w, h)
}

// fit sets text in the largest size from largest down to smallest (in steps of one point)
// at which it takes at most maxLines lines of width w, truncating at the smallest.
func (b *builder) fit(text string, fnt pdf.Font, largest, smallest, w float64, maxLines int) (pdf.Font, []string) {
	for size := largest; size >= smallest; size-- {
		fnt.Size = size
		if lines := b.d.Wrap(fnt, text, w); len(lines) <= maxLines {
			return fnt, lines
		}
	}
	fnt.Size = smallest
	return fnt, b.d.Truncate(fnt, b.d.Wrap(fnt, text, w), maxLines, w)
}

// certificateDetails is the line of facts about the module.
func (b *builder) certificateDetails(data CertificateData) string {
	var parts []string
	if data.Lessons > 0 {
		parts = append(parts, b.msg.N("certificate.lessons", data.Lessons, b.f.Int(data.Lessons)))
	}
	if data.Minutes > 0 {
		parts = append(parts, b.T("certificate.minutes", "n", b.f.Int(data.Minutes)))
	}
	if data.QuizScore != nil {
		parts = append(parts, b.T("certificate.quiz", "score", b.f.Percent(*data.QuizScore)))
	}
	return strings.Join(parts, "  ·  ")
}

// certificateFooter draws the issuer, the reference and a seal.
func (b *builder) certificateFooter(data CertificateData, w, h float64) {
	d, th := b.d, b.th
	y := h - 30
	d.Line(40, y-6, 120, y-6, pdf.Stroked(th.line, 0.4))
	d.Text(th.small, 40, y, 80, b.T("certificate.issued_by", "brand", b.brand.Name), pdf.AlignCenter)
	if data.Reference != "" {
		d.Line(w-120, y-6, w-40, y-6, pdf.Stroked(th.line, 0.4))
		d.Text(th.small, w-120, y, 80, b.T("certificate.reference", "ref", data.Reference), pdf.AlignCenter)
	}
	// The seal: two rings and a tick.
	cx, cy := w/2, h-36
	d.Circle(cx, cy, 11, pdf.Filled(th.accent))
	d.Circle(cx, cy, 9, pdf.Stroked(th.white, 0.5))
	d.Polyline([]pdf.Point{{X: cx - 4.2, Y: cy + 0.2}, {X: cx - 1.2, Y: cy + 3.2}, {X: cx + 4.6, Y: cy - 3.4}},
		pdf.Stroked(th.white, 1.4))
}
