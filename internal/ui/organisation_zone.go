package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
)

// SaveTimeZone sets the time zone the organisation's event times are typed and shown in
// (its administrators, on the branding page). An unknown zone changes nothing and shows
// the page again with what is wrong.
func (h *Handler) SaveTimeZone(c *fiber.Ctx) error {
	org, err := h.organisation(c, identity.Manage)
	if err != nil {
		return err
	}
	zone := c.FormValue("time_zone")
	if _, err = h.ids.SetOrganisationTimeZone(ctx(c), org.ID, zone); err != nil {
		page, verr := h.brandingView(c, org)
		if verr != nil {
			return verr
		}
		values := map[string]string{"time_zone": zone}
		return h.site.FormPage(c, "orgs/branding", h.site.NewView(c, "branding.title", page), values, err)
	}
	return redirectDone(c, "/orgs/"+org.ID+"/branding", "time_zone_saved")
}
