package ui

import (
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
	"github.com/academy-platform/academy/internal/reports"
	"github.com/academy-platform/academy/internal/web"
)

type brandingPage struct {
	Organisation identity.Organisation
	Look         branding.Look
	// Default is Academy's accent, shown as the example.
	Default string
	// Zones are the time zones the time zone field suggests.
	Zones []string
}

func (h *Handler) brandingView(c *fiber.Ctx, org identity.Organisation) (*brandingPage, error) {
	look, err := h.deliver.Branding.Look(ctx(c), org.ID)
	return &brandingPage{Organisation: org, Look: look, Default: reports.DefaultAccent, Zones: identity.CommonTimeZones}, err
}

// BrandingForm shows the organisation's logo and accent colour with the form to change
// them.
func (h *Handler) BrandingForm(c *fiber.Ctx) error {
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	page, err := h.brandingView(c, org)
	if err != nil {
		return err
	}
	v := h.site.NewView(c, "branding.title", page)
	return h.site.Page(c, "orgs/branding", v)
}

// SaveBranding stores a new logo (optional) and accent colour. Invalid input changes
// nothing and shows the form again with what is wrong.
func (h *Handler) SaveBranding(c *fiber.Ctx) error {
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	in := branding.Input{Accent: c.FormValue("accent"), RemoveLogo: c.FormValue("remove_logo") == "1"}
	if fh, ferr := c.FormFile("logo"); ferr == nil && (fh.Size > 0 || fh.Filename != "") {
		in.Logo, err = uploadedFile(c, "logo", branding.MaxLogoBytes)
	}
	if err == nil {
		_, err = h.deliver.Branding.Save(ctx(c), org.ID, web.CurrentUser(c).ID, in)
	}
	if err != nil {
		page, verr := h.brandingView(c, org)
		if verr != nil {
			return verr
		}
		values := map[string]string{"accent": in.Accent}
		return h.site.FormPage(c, "orgs/branding", h.site.NewView(c, "branding.title", page), values, err)
	}
	return redirectDone(c, "/orgs/"+org.ID+"/branding", "branding_saved")
}

// Logo serves the organisation's logo to its people, for the web header; 404 without one.
func (h *Handler) Logo(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.View)
	if err != nil {
		return err
	}
	logo, _, err := h.deliver.Branding.Logo(ctx(c), org.ID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/png")
	// The header asks for it with ?v=<time of the last change>, so it may be kept.
	c.Set(fiber.HeaderCacheControl, "private, max-age=86400")
	return c.Send(logo)
}

// BrandStyle serves the organisation's colours and logo as a small stylesheet that the
// layout links for its people (the pages allow no inline styles). Without branding it is
// empty and Academy's colours stay.
func (h *Handler) BrandStyle(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.View)
	if err != nil {
		return err
	}
	look, err := h.deliver.Branding.Look(ctx(c), org.ID)
	if err != nil {
		return err
	}
	etag := `"` + strconv.FormatInt(look.UpdatedAt.UnixMicro(), 36) + `"`
	c.Set(fiber.HeaderContentType, "text/css; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderETag, etag)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	css := "/* Academy's colours */\n"
	if brand, dark, ok := branding.Colours(look.Accent); ok {
		css = fmt.Sprintf(":root { --brand: %s; --brand-dark: %s; }\n", brand, dark)
	}
	if look.HasLogo {
		css += fmt.Sprintf(".brand-logo { display: inline-block; background-image: url(\"/orgs/%s/logo.png?v=%d\"); }\n",
			org.ID, look.UpdatedAt.Unix())
	}
	return c.SendString(css)
}
