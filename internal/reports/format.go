package reports

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// nbsp is a no-break space: it keeps a number with its unit on one line.
const nbsp = "\u00a0"

// format writes numbers and dates the way the report's language does, dates in the
// report's time zone (nil: UTC).
type format struct {
	lang string
	zone *time.Location
}

// in is t in the report's time zone.
func (f format) in(t time.Time) time.Time {
	if f.zone == nil {
		return t.UTC()
	}
	return t.In(f.zone)
}

// Date is the long date: "5 de marzo de 2026", "5 March 2026".
func (f format) Date(t time.Time) string {
	t = f.in(t)
	if f.lang == Spanish {
		return strconv.Itoa(t.Day()) + " de " + monthES(t.Month()) + " de " + strconv.Itoa(t.Year())
	}
	return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
}

// ShortDate is the compact date of charts and tables: "5 mar 2026", "5 Mar 2026".
func (f format) ShortDate(t time.Time) string {
	t = f.in(t)
	month := t.Month().String()[:3]
	if f.lang == Spanish {
		month = monthES(t.Month())[:3]
	}
	return strconv.Itoa(t.Day()) + nbsp + month + nbsp + strconv.Itoa(t.Year())
}

// monthES is the Spanish name of a month.
func monthES(m time.Month) string {
	switch m {
	case time.January:
		return "enero"
	case time.February:
		return "febrero"
	case time.March:
		return "marzo"
	case time.April:
		return "abril"
	case time.May:
		return "mayo"
	case time.June:
		return "junio"
	case time.July:
		return "julio"
	case time.August:
		return "agosto"
	case time.September:
		return "septiembre"
	case time.October:
		return "octubre"
	case time.November:
		return "noviembre"
	}
	return "diciembre"
}

// Num writes v with the given decimals, with the language's decimal separator and, from
// five digits (Spanish) or four (English), its thousands separator.
func (f format) Num(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if s == strconv.FormatFloat(0, 'f', decimals, 64) {
		v = 0 // no "-0"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	minGroup := 4
	if f.lang == Spanish {
		sep, dec, minGroup = ".", ",", 5
	}
	if len(intPart) >= minGroup {
		var b strings.Builder
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(c)
		}
		intPart = b.String()
	}
	out := intPart
	if frac != "" {
		out += dec + frac
	}
	if v < 0 {
		out = "-" + out
	}
	return out
}

// Int writes an integer.
func (f format) Int(n int) string { return f.Num(float64(n), 0) }

// Score writes an optional 0–100 score without decimals, or a dash.
func (f format) Score(v *float64) string {
	if v == nil {
		return "–"
	}
	return f.Num(*v, 0)
}

// Signed writes a change with its sign: "+12", "-3", "0".
func (f format) Signed(v float64, decimals int) string {
	s := f.Num(v, decimals)
	if s != f.Num(0, decimals) && v > 0 {
		return "+" + s
	}
	return s
}

// Percent writes a percentage: "62 %" in Spanish (with a no-break space), "62%" in
// English.
func (f format) Percent(v float64) string {
	if f.lang == Spanish {
		return f.Num(v, 0) + nbsp + "%"
	}
	return f.Num(v, 0) + "%"
}
