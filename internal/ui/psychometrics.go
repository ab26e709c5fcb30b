package ui

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type psychometricsPage struct {
	Instrument  assessment.Instrument
	Title       string
	Reliability assessment.Reliability
	Scoped      bool
	Names       map[string]string
}

// Psychometrics shows the reliability of an instrument version's dimensions over the
// organisation's completed attempts (platform admins: all attempts), as a page or, with
// ?format=csv, as a CSV file.
func (h *Handler) Psychometrics(c *fiber.Ctx) error {
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	inst, err := h.asmt.Instrument(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if a.Role != identity.RoleAdmin && !inst.VisibleTo(a.OrgID) {
		return errs.ErrNotFound
	}
	if a.Role == identity.RoleLearner {
		return errs.ErrForbidden
	}
	scope := a.OrgID
	if a.Role == identity.RoleAdmin {
		scope = ""
	}
	rel, err := h.asmt.Psychometrics(ctx(c), inst.ID, scope)
	if err != nil {
		return err
	}
	if c.Query("format") == "csv" {
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+inst.Key+`-v`+strconv.Itoa(inst.Version)+`-psychometrics.csv"`)
		return assessment.WriteReliabilityCSV(c.Response().BodyWriter(), rel)
	}
	def, err := h.asmt.Definition(ctx(c), inst.ID)
	if err != nil {
		return err
	}
	lang := web.CurrentLocale(c).Lang
	page := psychometricsPage{Instrument: inst, Title: inst.Title.In(lang, inst.Languages...), Reliability: rel,
		Scoped: scope != "", Names: map[string]string{}}
	for _, d := range def.Dimensions {
		page.Names[d.Slug] = text(def, d.Name, lang)
	}
	return h.site.Page(c, "instruments/psychometrics", h.site.NewView(c, "psychometrics.title", page))
}
