package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// learnerAccess is web.LearnerAccess: the same rules as the API.
type learnerAccess = web.LearnerAccess

// learnerFor loads the learner with the given id if the signed-in person may see their
// development records: themself, their coaches, their organisation's administrators.
// Anyone else, and any person who is not a learner, is errs.ErrNotFound.
func (h *Handler) learnerFor(c *fiber.Ctx, learnerID string) (learnerAccess, error) {
	u, err := h.ids.User(ctx(c), learnerID)
	if err != nil {
		return learnerAccess{}, err
	}
	return h.accessTo(c, u)
}

// accessTo is learnerFor for a person loaded already.
func (h *Handler) accessTo(c *fiber.Ctx, u identity.User) (learnerAccess, error) {
	return web.AccessToLearner(c, h.ids, u)
}

// dimensionOption is a dimension as forms and tables show it.
type dimensionOption struct {
	Slug string
	Name string
}

// dimensions lists the dimensions the organisation's goals, actions and events can name,
// in the reader's language.
func (h *Handler) dimensions(c *fiber.Ctx, orgID string) (dimensionNames, error) {
	dims, err := h.dev.Dimensions(ctx(c), orgID)
	if err != nil {
		return nil, err
	}
	lang := web.CurrentLocale(c).Lang
	out := make(dimensionNames, len(dims))
	for i, d := range dims {
		out[i] = dimensionOption{Slug: d.Slug, Name: d.Name.In(lang, web.Languages...)}
	}
	return out, nil
}

// dimensionNames is the organisation's dimensions in order, with their names.
type dimensionNames []dimensionOption

// Name returns the name of the dimension slug; an unknown slug is shown as it is.
func (d dimensionNames) Name(slug string) string {
	for _, o := range d {
		if o.Slug == slug {
			return o.Name
		}
	}
	return slug
}

// devLink is one entry of the navigation between a learner's development pages.
type devLink struct {
	Href    string
	Key     string // catalog key of the label
	Current bool
}

// developmentLinks returns the navigation between a learner's development pages, marking
// the one at path.
func developmentLinks(learnerID, path string) []devLink {
	base := "/people/" + learnerID
	links := []devLink{
		{Href: base, Key: "devnav.overview"},
		{Href: base + "/plan", Key: "devnav.plan"},
		{Href: base + "/actions", Key: "devnav.actions"},
		{Href: base + "/footprint", Key: "devnav.footprint"},
		{Href: base + "/feedback", Key: "devnav.feedback"},
		{Href: base + "/recommendations", Key: "devnav.recommendations"},
		{Href: base + "/badges", Key: "badges.person_link"},
	}
	for i := range links {
		links[i].Current = links[i].Href == path
	}
	return links
}
