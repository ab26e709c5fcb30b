package branding

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/jpeg" // decodes JPEG uploads
	"image/png"
	"net/http"
	"strconv"

	"github.com/academy-platform/academy/internal/errs"
)

// Limits of a logo upload, and the size it is stored at.
const (
	// MaxLogoBytes is the largest upload accepted, 1 MB.
	MaxLogoBytes = 1 << 20
	// MaxLogoPixels is the largest width or height of an upload.
	MaxLogoPixels = 2000
	// StoredLogoPixels is the largest width or height of the stored logo: reports draw it
	// at most 60 mm wide, which this covers at 250 dpi, and every report of a bulk job
	// embeds it, so it is kept small.
	StoredLogoPixels = 600
)

// prepareLogo checks an upload and returns it re-encoded as a PNG of at most
// StoredLogoPixels a side. Problems are validation errors on the field "logo".
func prepareLogo(data []byte) ([]byte, error) {
	if len(data) > MaxLogoBytes {
		return nil, errs.Invalid("logo", "file_too_large", strconv.Itoa(MaxLogoBytes>>20))
	}
	want := ""
	switch http.DetectContentType(data) {
	case "image/png":
		want = "png"
	case "image/jpeg":
		want = "jpeg"
	default:
		return nil, errs.Invalid("logo", "logo_type", "")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != want || cfg.Width < 1 || cfg.Height < 1 {
		return nil, errs.Invalid("logo", "logo_unreadable", "")
	}
	if cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels {
		return nil, errs.Invalid("logo", "logo_pixels", strconv.Itoa(MaxLogoPixels))
	}
	// The dimensions are known to be small, so decoding cannot take much memory.
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errs.Invalid("logo", "logo_unreadable", "")
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, shrink(img, StoredLogoPixels)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// shrink draws img into a new RGBA image that fits in limit × limit pixels, keeping its
// proportions; each new pixel is the mean of the pixels it covers (in premultiplied
// colour, so transparent pixels leave no dark fringe).
func shrink(img image.Image, limit int) *image.RGBA {
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	sw, sh := b.Dx(), b.Dy()
	if sw <= limit && sh <= limit {
		return src
	}
	dw, dh := limit, max(1, sh*limit/sw)
	if sh > sw {
		dw, dh = max(1, sw*limit/sh), limit
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := range dh {
		y0, y1 := dy*sh/dh, max((dy+1)*sh/dh, dy*sh/dh+1)
		for dx := range dw {
			x0, x1 := dx*sw/dw, max((dx+1)*sw/dw, dx*sw/dw+1)
			var sum [4]int
			for y := y0; y < y1; y++ {
				row := src.Pix[y*src.Stride+x0*4 : y*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					sum[0] += int(row[i])
					sum[1] += int(row[i+1])
					sum[2] += int(row[i+2])
					sum[3] += int(row[i+3])
				}
			}
			n := (x1 - x0) * (y1 - y0)
			o := dy*dst.Stride + dx*4
			for c := range sum {
				dst.Pix[o+c] = uint8((sum[c] + n/2) / n)
			}
		}
	}
	return dst
}
