package pdf

import (
	"fmt"
	"math"
	"strconv"
)

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Hex parses "#rrggbb" (or "rrggbb").
func Hex(s string) (Color, error) {
	if len(s) == 7 && s[0] == '#' {
		s = s[1:]
	}
	if len(s) != 6 {
		return Color{}, fmt.Errorf("colour %q: want #rrggbb", s)
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("colour %q: want #rrggbb", s)
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// MustHex is Hex for constants known to be valid; it panics otherwise.
func MustHex(s string) Color {
	c, err := Hex(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String is "#rrggbb".
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Tint mixes c with white: t = 0 gives c, t = 1 white.
func (c Color) Tint(t float64) Color {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*t)) }
	return Color{mix(c.R), mix(c.G), mix(c.B)}
}

// Shade mixes c with black: t = 0 gives c, t = 1 black.
func (c Color) Shade(t float64) Color {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) * (1 - t))) }
	return Color{mix(c.R), mix(c.G), mix(c.B)}
}

// Luminance is the WCAG relative luminance.
func (c Color) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, 1 to 21.
func Contrast(a, b Color) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
