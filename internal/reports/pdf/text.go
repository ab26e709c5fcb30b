package pdf

import (
	"strings"
	"unicode/utf8"
)

// Font is how a text is set: face, size in points and colour.
type Font struct {
	Style Style
	Size  float64
	Color Color
}

// Align is a horizontal alignment.
type Align int

// The alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// SizeMM is the font size in millimetres.
func (f Font) SizeMM() float64 { return f.Size * ptToMM }

// LineHeight is a comfortable line pitch for the font: 1.35 times its size.
func (f Font) LineHeight() float64 { return 1.35 * f.SizeMM() }

// use selects the face that can set s and returns s encoded for it.
func (d *Doc) use(fnt Font, s string) string {
	enc, ok := winAnsi(s)
	family := familyWinAnsi
	if ok {
		if !d.winAnsi[fnt.Style] {
			fc := &d.e.faces[fnt.Style]
			d.f.AddFontFromBytes(familyWinAnsi, fnt.Style.code(), fc.def, fc.z)
			d.winAnsi[fnt.Style] = true
		}
	} else {
		enc, family = bmp(s), familyUTF8
		if !d.utf8[fnt.Style] {
			d.f.AddUTF8FontFromBytes(familyUTF8, fnt.Style.code(), d.e.faces[fnt.Style].ttf)
			d.utf8[fnt.Style] = true
		}
	}
	if !d.cur.valid || d.cur.family != family || d.cur.style != fnt.Style || d.cur.size != fnt.Size {
		d.f.SetFont(family, fnt.Style.code(), fnt.Size)
	}
	if !d.cur.valid || d.cur.color != fnt.Color {
		d.f.SetTextColor(int(fnt.Color.R), int(fnt.Color.G), int(fnt.Color.B))
	}
	d.cur = fontState{valid: true, family: family, style: fnt.Style, size: fnt.Size, color: fnt.Color}
	return enc
}

// TextWidth is the width of s set in fnt, in millimetres.
func (d *Doc) TextWidth(fnt Font, s string) float64 {
	if w, ok := d.e.faces[fnt.Style].winAnsiWidth(s); ok {
		return float64(w) * fnt.Size / 1000 * ptToMM
	}
	enc := d.use(fnt, s)
	return d.f.GetStringWidth(enc)
}

// bmp replaces characters beyond the Basic Multilingual Plane (emoji, rare scripts), which
// fpdf's UTF-8 fonts cannot address, with U+FFFD.
func bmp(s string) string {
	for _, r := range s {
		if r > 0xffff {
			return strings.Map(func(r rune) rune {
				if r > 0xffff {
					return '\ufffd'
				}
				return r
			}, s)
		}
	}
	return s
}

// Text draws a single line with its baseline at y, aligned within [x, x+w] (w is ignored
// for AlignLeft). Control characters become spaces.
func (d *Doc) Text(fnt Font, x, y, w float64, s string, a Align) {
	if !d.ok() || s == "" {
		return
	}
	s = oneLine(s)
	switch a {
	case AlignCenter:
		x += (w - d.TextWidth(fnt, s)) / 2
	case AlignRight:
		x += w - d.TextWidth(fnt, s)
	}
	enc := d.use(fnt, s)
	d.f.Text(x, y, enc)
}

// Baseline is where to put the baseline of a line of fnt in a line box starting at top
// with height lh, so that the text looks vertically centred.
func Baseline(fnt Font, top, lh float64) float64 {
	return top + lh/2 + 0.35*fnt.SizeMM()
}

// Lines draws lines in line boxes of height lh from top, aligned within [x, x+w], and
// returns the height used.
func (d *Doc) Lines(fnt Font, x, top, w, lh float64, lines []string, a Align) float64 {
	for i, l := range lines {
		d.Text(fnt, x, Baseline(fnt, top+float64(i)*lh, lh), w, l, a)
	}
	return float64(len(lines)) * lh
}

// Wrap breaks s into lines no wider than w when set in fnt: at spaces, at the line breaks
// of s, and inside a word only when the word alone is wider than w. No-break spaces
// (U+00A0) do not break.
func (d *Doc) Wrap(fnt Font, s string, w float64) []string {
	var lines []string
	for para := range strings.SplitSeq(s, "\n") {
		lines = d.wrapParagraph(fnt, strings.TrimSpace(oneLine(para)), w, lines)
	}
	return lines
}

func (d *Doc) wrapParagraph(fnt Font, s string, w float64, lines []string) []string {
	if s == "" {
		return append(lines, "")
	}
	space := d.TextWidth(fnt, " ")
	start, end, width := -1, 0, 0.0 // the current line is s[start:end], width wide
	for at := 0; at < len(s); {
		if s[at] == ' ' {
			at++
			continue
		}
		next := strings.IndexByte(s[at:], ' ')
		if next < 0 {
			next = len(s)
		} else {
			next += at
		}
		word := s[at:next]
		ww := d.TextWidth(fnt, word)
		switch {
		case start >= 0 && width+space+ww <= w:
			end, width = next, width+space+ww
		case ww > w:
			if start >= 0 {
				lines = append(lines, s[start:end])
			}
			var last string
			lines, last = d.breakWord(fnt, word, w, lines)
			start, end, width = next-len(last), next, d.TextWidth(fnt, last)
		default:
			if start >= 0 {
				lines = append(lines, s[start:end])
			}
			start, end, width = at, next, ww
		}
		at = next
	}
	if start >= 0 {
		lines = append(lines, s[start:end])
	}
	return lines
}

// breakWord splits a word wider than w into pieces; it returns the lines with all but the
// last piece appended, and the last piece.
func (d *Doc) breakWord(fnt Font, word string, w float64, lines []string) ([]string, string) {
	for d.TextWidth(fnt, word) > w {
		cut := 0
		for i := range word {
			if i > 0 && d.TextWidth(fnt, word[:i]) > w {
				break
			}
			cut = i
		}
		if cut == 0 { // not even one character fits: take one anyway
			_, cut = utf8.DecodeRuneInString(word)
		}
		lines = append(lines, word[:cut])
		word = word[cut:]
	}
	return lines, word
}

// Truncate limits lines to n, ending the last kept line with an ellipsis when some were
// cut.
func (d *Doc) Truncate(fnt Font, lines []string, n int, w float64) []string {
	if n <= 0 || len(lines) <= n {
		return lines
	}
	lines = lines[:n:n]
	last := lines[n-1]
	for last != "" && d.TextWidth(fnt, last+"…") > w {
		_, size := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-size]
	}
	lines[n-1] = strings.TrimRight(last, " ") + "…"
	return lines
}

// oneLine replaces control characters with spaces.
func oneLine(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}
