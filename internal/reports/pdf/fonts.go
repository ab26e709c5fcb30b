package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"

	"github.com/academy-platform/academy/internal/reports/fonts"
)

// Style is a face of the report font.
type Style int

// The faces.
const (
	Regular Style = iota
	Bold
	Italic
)

// fpdf's style letters.
func (s Style) code() string {
	switch s {
	case Bold:
		return "B"
	case Italic:
		return "I"
	}
	return ""
}

// fpdf family names: the WinAnsi faces and the UTF-8 fallback faces.
const (
	familyWinAnsi = "sans"
	familyUTF8    = "sansu"
)

// face is one style of the font, prepared for documents.
type face struct {
	name   string
	def    []byte      // fpdf font definition (JSON) of the WinAnsi face
	z      []byte      // zlib-compressed subset font program of the WinAnsi face
	widths [256]uint16 // advance widths per Windows-1252 code, in 1/1000 em
	ttf    []byte      // the full TrueType file, for the UTF-8 fallback
}

// fontDef mirrors the JSON font definition that fpdf's AddFontFromBytes reads (the format
// of fpdf's makefont).
type fontDef struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up, Ut       int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	Size1, Size2 int
	OriginalSize int
}

// loadFaces derives the WinAnsi faces from the embedded TrueType files.
func loadFaces() ([3]face, error) {
	var out [3]face
	files := [3]struct {
		name string
		ttf  []byte
	}{
		{fonts.Family, fonts.Regular},
		{fonts.Family + "-Bold", fonts.Bold},
		{fonts.Family + "-Italic", fonts.Italic},
	}
	cutset := winAnsiRunes()
	for i, f := range files {
		fc, err := deriveFace(Style(i), f.name, f.ttf, cutset)
		if err != nil {
			return out, fmt.Errorf("font %s: %w", f.name, err)
		}
		out[i] = fc
	}
	return out, nil
}

// winAnsiRunes lists the printable characters of Windows-1252.
func winAnsiRunes() string {
	var b strings.Builder
	for c := 0x20; c <= 0xff; c++ {
		if r := charmap.Windows1252.DecodeByte(byte(c)); r != '\ufffd' && r >= 0x20 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// deriveFace measures a TrueType face with fpdf's own parser (in points at size 1000, the
// widths come out in the 1/1000 em units of a font definition) and cuts the subset.
func deriveFace(st Style, name string, ttf []byte, cutset string) (face, error) {
	probe := fpdf.New("P", "pt", "A4", "")
	probe.AddUTF8FontFromBytes("probe", st.code(), ttf)
	probe.SetFont("probe", st.code(), 1000)
	if err := probe.Error(); err != nil {
		return face{}, err
	}
	desc := probe.GetFontDesc("probe", st.code())
	desc.Flags = 1 << 5 // nonsymbolic
	if desc.ItalicAngle != 0 {
		desc.Flags |= 1 << 6
	}
	fc := face{name: name, ttf: ttf}
	cw := make([]int, 256)
	for c := range cw {
		cw[c] = desc.MissingWidth
		if r := charmap.Windows1252.DecodeByte(byte(c)); c >= 0x20 && r != '\ufffd' {
			cw[c] = int(math.Round(probe.GetStringWidth(string(r))))
		}
		fc.widths[c] = uint16(cw[c])
	}
	subset := fpdf.UTF8CutFont(ttf, cutset)
	if len(subset) == 0 {
		return face{}, fmt.Errorf("empty subset")
	}
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return face{}, err
	}
	if _, err := zw.Write(subset); err != nil {
		return face{}, err
	}
	if err := zw.Close(); err != nil {
		return face{}, err
	}
	fc.z = z.Bytes()
	// Up and Ut (underline) are not used: the reports never underline.
	def := fontDef{Tp: "TrueType", Name: name, Desc: desc, Up: -106, Ut: 73, Cw: cw, Enc: "cp1252",
		File: name + ".z", OriginalSize: len(subset)}
	if fc.def, err = json.Marshal(def); err != nil {
		return face{}, err
	}
	return fc, nil
}

// winAnsi encodes s in Windows-1252; ok is false when a character has no code there. An
// ASCII string is returned as is, without allocating.
func winAnsi(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// winAnsiWidth sums the widths of s in 1/1000 em; ok is false when s is not Windows-1252.
func (fc *face) winAnsiWidth(s string) (int, bool) {
	w := 0
	for _, r := range s {
		if r < 0x80 {
			w += int(fc.widths[r])
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return 0, false
		}
		w += int(fc.widths[c])
	}
	return w, true
}
