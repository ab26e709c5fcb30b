package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// seriesClass styles the k-th series (the stylesheet gives each a colour and a line
// pattern, so they differ in more than colour).
func seriesClass(k int) string { return fmt.Sprintf("series-%c", 'a'+k%3) }

// SVG draws the radar as inline SVG with a title and description for screen readers.
// Every text is escaped. The page shows a table of the same numbers beside it.
func (r Radar) SVG(title, desc string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="radar" viewBox="0 %s %s %s" role="img" aria-labelledby="radar-title radar-desc" xmlns="http://www.w3.org/2000/svg">`,
		num(r.Trim), num(r.Size), num(r.Size-2*r.Trim))
	fmt.Fprintf(&b, `<title id="radar-title">%s</title><desc id="radar-desc">%s</desc>`, esc(title), esc(desc))
	b.WriteString(`<g class="grid">`)
	for _, v := range r.Rings {
		fmt.Fprintf(&b, `<polygon points="%s"/>`, points(r.Ring(v)))
	}
	c := r.Centre()
	for i := range r.Axes {
		p := r.At(i, 100)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(c.X), num(c.Y), num(p.X), num(p.Y))
	}
	b.WriteString(`</g>`)
	for k, s := range r.Series {
		class := seriesClass(k)
		fmt.Fprintf(&b, `<g class="%s"><polygon points="%s"/>`, class, points(r.Polygon(s)))
		for i, p := range r.Polygon(s) {
			if i < len(s.Values) && !math.IsNaN(s.Values[i]) {
				fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5"/>`, num(p.X), num(p.Y))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`<g class="labels">`)
	for i, name := range r.Axes {
		p, anchor := r.Label(i)
		lines := Wrap(name, labelWidth)
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="%s" dominant-baseline="middle">`, num(p.X), num(p.Y), anchor)
		for k, line := range lines {
			dy := fmt.Sprintf("%.2fem", lineHeight)
			if k == 0 {
				dy = fmt.Sprintf("%.2fem", firstLineShift(r.Above(i), len(lines)))
			}
			fmt.Fprintf(&b, `<tspan x="%s" dy="%s">%s</tspan>`, num(p.X), dy, esc(line))
		}
		b.WriteString(`</text>`)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String()) // every text above went through esc
}

// labelWidth is the longest label line, in characters, before it wraps: short enough for
// labels in the larger type of a phone (see the stylesheet) to fit beside the chart.
const labelWidth = 12

// lineHeight is the distance between a label's lines, in ems.
const lineHeight = 1.15

// firstLineShift is where a label's first line goes, in ems from its point, so that the
// lines grow away from the chart: upwards from a label above it (above > 0), downwards
// from one below it (above < 0), centred on the point at its sides (above == 0).
func firstLineShift(above, lines int) float64 {
	switch {
	case above > 0:
		return -lineHeight * float64(lines-1)
	case above < 0:
		return 0
	}
	return -lineHeight / 2 * float64(lines-1)
}

// Wrap breaks text into lines of at most width characters at spaces, and after the
// hyphens of a word longer than that ("Problem-" "solving"); a longer part gets a line of
// its own.
func Wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		parts := []string{word}
		if len([]rune(word)) > width {
			parts = strings.SplitAfter(word, "-")
		}
		for k, part := range parts {
			sep := " "
			if k > 0 {
				sep = "" // the rest of a word broken after its hyphen
			}
			switch {
			case part == "":
			case line == "":
				line = part
			case len([]rune(line))+len(sep)+len([]rune(part)) <= width:
				line += sep + part
			default:
				lines = append(lines, line)
				line = part
			}
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func num(v float64) string { return fmt.Sprintf("%.1f", v) }

func points(ps []Point) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = num(p.X) + "," + num(p.Y)
	}
	return strings.Join(parts, " ")
}
