// Package branding keeps each organisation's branding: a logo and an accent colour, which
// the reports and the web header use instead of Academy's.
//
// What it promises:
//
//   - Nothing unsafe is stored. A logo upload is accepted only if its bytes are a PNG or a
//     JPEG (the type is sniffed from the content, never taken from the file name or the
//     browser), at most MaxLogoBytes, at most MaxLogoPixels pixels a side, and decodes
//     completely; it is then drawn again into a fresh PNG no larger than StoredLogoPixels
//     a side, so that metadata, trailing bytes and oversized images never reach a report.
//   - An accent colour is "#rrggbb" with at least AA contrast (4.5:1) against white, so
//     white text on it (the web header, buttons) and it on white (report headings) stay
//     readable.
//   - Invalid input changes nothing and is answered with an *errs.ValidationError naming
//     each field ("logo", "accent") and what is wrong with it.
//   - Without branding, or for the parts left empty, Academy's own apply.
package branding
