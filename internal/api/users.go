package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// User is a person as the API shows them.
type User struct {
	ID             string    `json:"id"`
	Email          string    `json:"email"`
	Name           string    `json:"name"`
	Locale         string    `json:"locale"`
	Role           string    `json:"role"`
	Active         bool      `json:"active"`
	Pending        bool      `json:"pending"`
	OrganisationID *string   `json:"organisation_id"`
	CreatedAt      time.Time `json:"created_at"`
}

// Organisation is an organisation as the API shows it.
type Organisation struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Me is the signed-in person with their organisation and cohorts.
type Me struct {
	User
	Organisation *Organisation `json:"organisation"`
	MemberOf     []CohortRef   `json:"member_of"`
	Coaching     []CohortRef   `json:"coaching"`
}

// CohortRef names a cohort.
type CohortRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func toUser(u identity.User) User {
	return User{ID: u.ID, Email: u.Email, Name: u.Name, Locale: u.Locale, Role: string(u.Role), Active: u.Active,
		Pending: u.Pending(), OrganisationID: u.OrganisationID, CreatedAt: u.CreatedAt}
}

// Me answers GET /api/v1/me.
func (h *Handler) Me(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	out := Me{User: toUser(*u), MemberOf: []CohortRef{}, Coaching: []CohortRef{}}
	if u.OrgID() != "" {
		org, err := h.ids.Organisation(ctx(c), u.OrgID())
		if err != nil {
			return err
		}
		out.Organisation = &Organisation{ID: org.ID, Slug: org.Slug, Name: org.Name}
	}
	member, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{MemberID: u.ID})
	if err != nil {
		return err
	}
	coaching, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{CoachID: u.ID})
	if err != nil {
		return err
	}
	for _, co := range member {
		out.MemberOf = append(out.MemberOf, CohortRef{ID: co.ID, Name: co.Name})
	}
	for _, co := range coaching {
		out.Coaching = append(out.Coaching, CohortRef{ID: co.ID, Name: co.Name})
	}
	return c.JSON(out)
}

// User answers GET /api/v1/users/{id}.
func (h *Handler) User(c *fiber.Ctx) error {
	u, err := h.person(c, identity.View, h.ids.User)
	if err != nil {
		return err
	}
	return c.JSON(toUser(u))
}
