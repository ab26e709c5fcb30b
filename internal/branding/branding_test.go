package branding_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reports/pdf"
)

// picture is a w × h image with a gradient and a transparent corner.
func picture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 120, A: 255})
		}
	}
	img.Set(0, 0, color.NRGBA{})
	return img
}

func encode(t *testing.T, format string, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// setup returns a store and an organisation with its admin.
func setup(t *testing.T, gdb *gorm.DB) (*branding.Store, string, string) {
	t.Helper()
	ctx := context.Background()
	ids := identity.NewStore(gdb, identity.DefaultConfig())
	org, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: "brand", Name: "Brand Co"})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: "admin@brand.example", Name: "Admin",
		Role: identity.RoleOrgAdmin, Password: "a long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	return branding.NewStore(gdb, nil), org.ID, admin.ID
}

func TestSaveRefusesBadInputAndChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		st, orgID, adminID := setup(t, gdb)
		ctx := context.Background()
		noise := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, branding.MaxLogoBytes/4+1)
		cases := []struct {
			name   string
			in     branding.Input
			fields map[string]string // field → code
		}{
			{"GIF", branding.Input{Logo: encode(t, "gif", picture(40, 20))}, map[string]string{"logo": "logo_type"}},
			{"text file", branding.Input{Logo: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")}, map[string]string{"logo": "logo_type"}},
			{"over 1 MB", branding.Input{Logo: noise}, map[string]string{"logo": "file_too_large"}},
			{"too many pixels", branding.Input{Logo: encode(t, "png", picture(2001, 10))}, map[string]string{"logo": "logo_pixels"}},
			{"truncated PNG", branding.Input{Logo: encode(t, "png", picture(50, 50))[:60]}, map[string]string{"logo": "logo_unreadable"}},
			{"colour name", branding.Input{Accent: "blue"}, map[string]string{"accent": "accent_format"}},
			{"short colour", branding.Input{Accent: "#abc"}, map[string]string{"accent": "accent_format"}},
			{"light colour", branding.Input{Accent: "#ffcc00"}, map[string]string{"accent": "accent_contrast"}},
			{"good logo, light colour", branding.Input{Logo: encode(t, "png", picture(60, 30)), Accent: "#cccccc"},
				map[string]string{"accent": "accent_contrast"}},
			{"both wrong", branding.Input{Logo: encode(t, "gif", picture(4, 4)), Accent: "#fff"},
				map[string]string{"logo": "logo_type", "accent": "accent_format"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := st.Save(ctx, orgID, adminID, c.in)
				v, ok := errs.AsValidation(err)
				if !ok {
					t.Fatalf("err = %v, want a validation error", err)
				}
				if len(v.Fields) != len(c.fields) {
					t.Errorf("fields = %+v, want %v", v.Fields, c.fields)
				}
				for field, code := range c.fields {
					if f, ok := v.Field(field); !ok || f.Code != code {
						t.Errorf("%s: %+v, want code %s", field, f, code)
					}
				}
				if look, err := st.Look(ctx, orgID); err != nil || look != (branding.Look{}) {
					t.Fatalf("stored after refusal: %+v %v", look, err)
				}
			})
		}
	})
}

func TestSaveReencodesAndShrinksTheLogo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		st, orgID, adminID := setup(t, gdb)
		ctx := context.Background()
		if b, err := st.Reports(ctx, orgID); err != nil || b != nil {
			t.Fatalf("branding before any: %+v %v", b, err)
		}
		if _, _, err := st.Logo(ctx, orgID); !errors.Is(err, errs.ErrNotFound) {
			t.Fatalf("logo before any: %v", err)
		}
		// A JPEG of 1600 × 400 becomes a PNG of 600 × 150; the colour is normalised.
		saved, err := st.Save(ctx, orgID, adminID, branding.Input{Logo: encode(t, "jpeg", picture(1600, 400)), Accent: " #8A1538 "})
		if err != nil {
			t.Fatal(err)
		}
		logo, _, err := st.Logo(ctx, orgID)
		if err != nil || !bytes.Equal(logo, saved.Logo) {
			t.Fatalf("logo: %v", err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(logo))
		if err != nil || format != "png" || cfg.Width != 600 || cfg.Height != 150 {
			t.Fatalf("stored logo: %s %dx%d %v", format, cfg.Width, cfg.Height, err)
		}
		look, err := st.Look(ctx, orgID)
		if err != nil || look.Accent != "#8a1538" || !look.HasLogo || look.UpdatedAt.IsZero() {
			t.Fatalf("look: %+v %v", look, err)
		}
		rb, err := st.Reports(ctx, orgID)
		if err != nil || rb.Accent != "#8a1538" || rb.Logo == nil || rb.Logo.Kind != pdf.PNG {
			t.Fatalf("report branding: %+v %v", rb, err)
		}

		// A new colour alone keeps the logo; removing the logo keeps the colour.
		if _, err := st.Save(ctx, orgID, adminID, branding.Input{Accent: "#1d4e89"}); err != nil {
			t.Fatal(err)
		}
		if look, _ := st.Look(ctx, orgID); look.Accent != "#1d4e89" || !look.HasLogo {
			t.Fatalf("after changing the colour: %+v", look)
		}
		if _, err := st.Save(ctx, orgID, adminID, branding.Input{Accent: "#1d4e89", RemoveLogo: true}); err != nil {
			t.Fatal(err)
		}
		if look, _ := st.Look(ctx, orgID); look.Accent != "#1d4e89" || look.HasLogo {
			t.Fatalf("after removing the logo: %+v", look)
		}
		// A small PNG is kept at its size.
		if _, err := st.Save(ctx, orgID, adminID, branding.Input{Logo: encode(t, "png", picture(120, 40))}); err != nil {
			t.Fatal(err)
		}
		logo, _, _ = st.Logo(ctx, orgID)
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(logo)); err != nil || cfg.Width != 120 || cfg.Height != 40 {
			t.Fatalf("small logo: %dx%d %v", cfg.Width, cfg.Height, err)
		}
	})
}

func TestColours(t *testing.T) {
	brand, dark, ok := branding.Colours("#8A1538")
	if !ok || brand != "#8a1538" || !strings.HasPrefix(dark, "#") || dark == brand {
		t.Fatalf("Colours = %q %q %v", brand, dark, ok)
	}
	for _, bad := range []string{"", "red", "#12345g", "</style>"} {
		if _, _, ok := branding.Colours(bad); ok {
			t.Errorf("Colours(%q) accepted", bad)
		}
	}
}
