package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// Instrument is an instrument version the caller may use.
type Instrument struct {
	ID        string    `json:"id"`
	Key       string    `json:"key"`
	Version   int       `json:"version"`
	Title     string    `json:"title"`
	Audience  string    `json:"audience"`
	Languages []string  `json:"languages"`
	BuiltIn   bool      `json:"built_in"`
	CreatedAt time.Time `json:"created_at"`
}

// InstrumentList is the answer of GET /api/v1/instruments: one page of the instruments.
type InstrumentList struct {
	Instruments []Instrument `json:"instruments"`
	NextCursor  *string      `json:"next_cursor"`
}

// Instruments answers GET /api/v1/instruments: the latest version of every instrument the
// caller may use: built-in ones and the organisation's own (for learners, those assigned
// to one of their cohorts), one page of them.
func (h *Handler) Instruments(c *fiber.Ctx) error {
	p, err := page(c, "instruments")
	if err != nil {
		return err
	}
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	f := assessment.InstrumentFilter{OrganisationID: a.OrgID, Page: p.Page}
	if a.Role == identity.RoleLearner {
		f.Offered, f.CohortIDs = true, a.MemberOf
	}
	list, err := h.asmt.InstrumentList(ctx(c), f)
	if err != nil {
		return storeErr(err)
	}
	list, next := nextPage(p, list)
	lang := web.CurrentLocale(c).Lang
	out := InstrumentList{Instruments: make([]Instrument, 0, len(list)), NextCursor: next}
	for _, i := range list {
		out.Instruments = append(out.Instruments, toInstrument(i, lang))
	}
	return sendList(c, out)
}

func toInstrument(i assessment.Instrument, lang string) Instrument {
	return Instrument{ID: i.ID, Key: i.Key, Version: i.Version, Title: i.Title.In(lang, i.Languages...),
		Audience: string(i.Audience), Languages: i.Languages, BuiltIn: i.BuiltIn(), CreatedAt: i.CreatedAt}
}

// Psychometrics answers GET /api/v1/instruments/{id}/psychometrics for coaches and
// administrators: the reliability of each dimension over the organisation's completed
// attempts (platform admins: over all attempts).
func (h *Handler) Psychometrics(c *fiber.Ctx) error {
	inst, scope, err := h.analysable(c)
	if err != nil {
		return err
	}
	rel, err := h.asmt.Psychometrics(ctx(c), inst.ID, scope)
	if err != nil {
		return err
	}
	return c.JSON(rel)
}

// analysable loads the instrument named in the URL for a caller who may see its
// statistics, and the organisation the statistics are limited to ("" for everyone).
func (h *Handler) analysable(c *fiber.Ctx) (assessment.Instrument, string, error) {
	a, err := web.CurrentActor(c)
	if err != nil {
		return assessment.Instrument{}, "", err
	}
	inst, err := h.asmt.Instrument(ctx(c), c.Params("id"))
	if err != nil {
		return inst, "", err
	}
	if a.Role != identity.RoleAdmin && !inst.VisibleTo(a.OrgID) {
		return inst, "", errs.ErrNotFound
	}
	if a.Role == identity.RoleLearner {
		return inst, "", errs.ErrForbidden
	}
	if a.Role == identity.RoleAdmin {
		return inst, "", nil
	}
	return inst, a.OrgID, nil
}

// InstrumentAdded is the answer of POST /api/v1/instruments.
type InstrumentAdded struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Created bool   `json:"created"`
}

// AddInstrument answers POST /api/v1/instruments: an organisation admin adds a custom
// instrument (or a new version of it). The body is the instrument file (YAML).
func (h *Handler) AddInstrument(c *fiber.Ctx) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	orgID := a.OrgID
	if a.Role == identity.RoleAdmin {
		orgID = c.Query("organisation")
		if !identity.ValidID(orgID) {
			return errs.InQuery(errs.Invalid("organisation", "required", ""))
		}
	}
	if err := authorize(c, identity.Manage, identity.OrganisationResource(orgID)); err != nil {
		return err
	}
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if !strings.Contains(ct, "yaml") && !strings.HasPrefix(ct, fiber.MIMETextPlain) {
		return fiber.ErrUnsupportedMediaType
	}
	id, version, created, err := h.asmt.AddInstrument(ctx(c), c.Body(), "instrument.yaml", orgID)
	if err != nil {
		return err
	}
	status := fiber.StatusCreated
	if !created {
		status = fiber.StatusOK
	}
	return c.Status(status).JSON(InstrumentAdded{ID: id, Version: version, Created: created})
}
